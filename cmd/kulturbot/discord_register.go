package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/kulturskoleradet/kulturbot/bot/discord"
)

func init() {
	register("discord", subcommand{
		help:  "discord register [--print]: register the Discord slash commands (guild when DISCORD_GUILD_ID is set)",
		noApp: runDiscord,
	})
}

// runDiscord is `kulturbot discord register [--print]`. It replaces the
// application's commands in one bulk overwrite, in DISCORD_GUILD_ID when set
// (instant) or globally. --print writes the command JSON instead, without
// a token or network.
func runDiscord(ctx context.Context, cfg *Config, out io.Writer, args []string) error {
	if len(args) == 0 || args[0] != "register" {
		return errors.New("usage: kulturbot discord register [--print]")
	}
	fs := flag.NewFlagSet("discord register", flag.ContinueOnError)
	fs.SetOutput(out)
	print := fs.Bool("print", false, "print the commands as JSON instead of registering them")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *print {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(discord.Commands(commandRoutes()))
	}
	if cfg.DiscordBotToken == "" {
		return errors.New("discord register: set DISCORD_BOT_TOKEN (and DISCORD_APP_ID, or it is looked up)")
	}
	opt := discordOptions(cfg)
	opt.PublicKey = "" // not needed to register
	opt.Router = commandRouter()
	ad, err := discord.New(opt)
	if err != nil {
		return err
	}
	cmds, err := ad.RegisterCommands(ctx)
	if err != nil {
		return err
	}
	scope := "globally (Discord may take up to an hour to show changes)"
	if cfg.DiscordGuildID != "" {
		scope = "in guild " + cfg.DiscordGuildID
	}
	fmt.Fprintf(out, "registered %d Discord commands %s:", len(cmds), scope)
	for _, c := range cmds {
		fmt.Fprintf(out, " /%s", c.Name)
	}
	fmt.Fprintln(out)
	return nil
}
