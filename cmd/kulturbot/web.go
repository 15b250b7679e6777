package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/dashboard"
)

func init() {
	register("dashbord", subcommand{
		help: "print a link to the working group's dashboard, valid for 12 hours (--en for English)",
		run:  runDashboard,
	})
	register("kalender", subcommand{
		help: "kalender [region]: print the calendar feed link (every gathering, or a region's)",
		run:  runCalendarLink,
	})
}

// setupWeb builds the dashboard and calendar server and adds its routes to
// the HTTP mux, which serves them in every mode (the console only with
// KULTURBOT_HTTP_ADDR set).
func (a *App) setupWeb() {
	a.Web = &dashboard.Server{DB: a.DB, PublicURL: publicURL(a.Cfg), Log: a.Log.With("component", "web")}
	if eng := a.faqEngine; eng != nil {
		a.Web.EntryTitle = func(id string) string {
			if e, ok := eng.Entry(id); ok && len(e.Questions) > 0 {
				return e.Questions[0]
			}
			return ""
		}
	}
	a.Web.Register(a.Mux)
}

// publicURL is KULTURBOT_PUBLIC_URL, or http://localhost with the HTTP
// port, which works for someone trying the bot on their own machine.
func publicURL(c *Config) string {
	if u := strings.TrimSpace(c.PublicURL); u != "" {
		return strings.TrimRight(u, "/")
	}
	host, port, err := net.SplitHostPort(c.HTTPAddr)
	if err != nil || port == "" {
		return "http://localhost"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// runDashboard prints the same link /kulturbot dashbord gives an admin.
func runDashboard(ctx context.Context, a *App, args []string) error {
	lang := bot.NB
	for _, arg := range args {
		switch arg {
		case "--en", "-en", "--english":
			lang = bot.EN
		default:
			return fmt.Errorf("dashbord: unexpected argument %q (usage: kulturbot dashbord [--en])", arg)
		}
	}
	link, exp, err := a.Web.DashboardLink(ctx, lang)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.Out, link)
	a.Log.Info("dashboard link", "expires", exp)
	return nil
}

// runCalendarLink prints a calendar feed link.
func runCalendarLink(ctx context.Context, a *App, args []string) error {
	var id int64
	switch len(args) {
	case 0:
	case 1:
		r, err := a.DB.RegionByName(ctx, args[0])
		if bot.ErrorCode(err) == bot.ENotFound {
			return fmt.Errorf("kalender: no region %q (see /region liste)", args[0])
		}
		if err != nil {
			return err
		}
		id = r.ID
	default:
		return errors.New("kalender: usage: kulturbot kalender [region]")
	}
	link, err := a.Web.CalendarLink(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.Out, link)
	return nil
}
