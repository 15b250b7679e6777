package slack

import (
	"fmt"
	"strings"
	"testing"
)

func fileEvent(id, user, text, url string, size int) []byte {
	return eventBody(id, "message", text, map[string]any{
		"channel": "D0ADM", "channel_type": "im", "subtype": "file_share", "user": user,
		"files": []map[string]any{{"id": "F0DOC", "name": "rammeverk.md", "mimetype": "text/markdown", "size": size, "url_private_download": url}},
	})
}

func TestDocumentUploadInADM(t *testing.T) {
	t.Run("AdminFileIsDownloadedAndIngested", func(t *testing.T) {
		e := newEnv(t)
		doc := []byte("# Rammeverk\n\nRegionale program varer i tre semestre.\n")
		url := e.slack.AddFile("rammeverk.md", doc)
		e.post("application/json", fileEvent("EvF1", "UADMIN", "", url, len(doc)))
		post := e.slack.Wait(t, "chat.postMessage", 1)[0]
		if !strings.Contains(post.Get("text"), fmt.Sprintf("rammeverk.md (%d byte)", len(doc))) {
			t.Fatalf("reply = %v", post.Form)
		}
		req := e.fake.last()
		if req.Command != "kulturbot" || req.Text != "dokument" || len(req.Files) != 1 || string(req.Files[0].Content) != string(doc) {
			t.Fatalf("request = %+v", req)
		}
	})
	t.Run("NonAdminIsRefusedWithoutDownloading", func(t *testing.T) {
		e := newEnv(t)
		url := e.slack.AddFile("rammeverk.md", []byte("x"))
		e.post("application/json", fileEvent("EvF2", "U1", "/kulturbot dokument", url, 1))
		post := e.slack.Wait(t, "chat.postMessage", 1)[0]
		if !strings.Contains(post.Get("text"), "arbeidsgruppen") {
			t.Fatalf("reply = %v", post.Form)
		}
		if n := len(e.slack.Calls("file.download")); n != 0 {
			t.Fatalf("%d downloads for a non-admin", n)
		}
	})
	t.Run("TooLargeIsRefused", func(t *testing.T) {
		e := newEnv(t)
		url := e.slack.AddFile("stor.pdf", []byte("x"))
		e.post("application/json", fileEvent("EvF3", "UADMIN", "", url, MaxUpload+1))
		post := e.slack.Wait(t, "chat.postMessage", 1)[0]
		if !strings.Contains(post.Get("text"), "20 MB") || e.fake.count() != 0 {
			t.Fatalf("reply = %v, router calls %d", post.Form, e.fake.count())
		}
	})
}
