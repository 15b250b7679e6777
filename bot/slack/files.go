package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
)

// MaxUpload bounds one uploaded file (the same limit as on Discord).
const MaxUpload = 20 << 20

// Slash commands cannot carry files, so an admin uploads a framework
// document by sending it to the bot in a DM, with "/kulturbot dokument" (or
// nothing) as the message. slack-go's MessageEvent has no Files field, so
// they are read from the raw event.
type fileShare struct {
	Files []slack.File `json:"files"`
}

// sharedFiles returns the files of a DM message event, if any.
func sharedFiles(raw json.RawMessage) []slack.File {
	var fs fileShare
	if err := json.Unmarshal(raw, &fs); err != nil {
		return nil
	}
	return fs.Files
}

// download fetches the files with the bot token (url_private needs it),
// refusing any over MaxUpload before and while reading.
func (a *Adapter) download(ctx context.Context, files []slack.File) ([]bot.File, error) {
	var out []bot.File
	for _, f := range files {
		if f.Size > MaxUpload {
			return nil, fmt.Errorf("%s is %d bytes, more than %d", f.Name, f.Size, MaxUpload)
		}
		u := f.URLPrivateDownload
		if u == "" {
			u = f.URLPrivate
		}
		if u == "" {
			return nil, fmt.Errorf("%s has no download URL", f.Name)
		}
		buf := &limitedBuffer{max: MaxUpload}
		if err := a.api.GetFileContext(ctx, u, buf); err != nil {
			return nil, fmt.Errorf("download %s: %w", f.Name, err)
		}
		out = append(out, bot.File{Name: f.Name, Type: f.Mimetype, Content: buf.Bytes()})
	}
	return out, nil
}

var errTooLarge = errors.New("file too large")

// limitedBuffer is a bytes.Buffer that refuses to grow past max.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errTooLarge
	}
	return b.Buffer.Write(p)
}

// isDocumentUpload reports whether a DM with files asks to ingest them:
// an empty message, or one that is the dokument command.
func isDocumentUpload(cmd, text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	return (cmd == "" && t == "") || (cmd == "kulturbot" && strings.HasPrefix(t, "dokument"))
}
