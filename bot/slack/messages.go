package slack

import "github.com/kulturskoleradet/kulturbot/bot"

var messages = bot.Messages{
	"slack.upload.failed": {"Jeg fikk ikke lastet ned filen fra Slack (høyst 20 MB). Prøv igjen, eller last den opp på nytt.", "I could not download the file from Slack (20 MB at most). Try again, or upload it once more."},
	"slack.more":          {"… og %d til. Bruk kommandoen med et filter for å se resten.", "… and %d more. Use the command with a filter to see the rest."},
	"slack.submit":        {"Send", "Submit"},
	"slack.cancel":        {"Avbryt", "Cancel"},
	"slack.formfailed":    {"Jeg fikk ikke åpnet skjemaet. Skriv kommandoen med argumenter i stedet:", "I could not open the form. Type the command with its arguments instead:"},
	"slack.filefailed":    {"Jeg fikk ikke lastet opp filen %s. Prøv igjen om litt.", "I could not upload the file %s. Please try again shortly."},
}
