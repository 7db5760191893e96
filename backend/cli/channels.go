package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
)

func channelCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "channel", Short: "The brand's accounts on each network"}
	var in calendar.ChannelInput
	add := &cobra.Command{
		Use:     "add",
		Short:   "Add a channel",
		Example: "  postdeck channel add --network instagram --handle @kopinusantara --cadence 3",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				ch, err := ws.Calendar.AddChannel(cmd.Context(), in)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), ch)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\n", ch.ID, ch.Network, ch.Handle)
				return nil
			})
		},
	}
	add.Flags().StringVar(&in.Network, "network", "", "instagram, facebook, x, linkedin, tiktok, youtube, threads, pinterest, bluesky, mastodon or other")
	add.Flags().StringVar(&in.Handle, "handle", "", "the account name, such as @kopinusantara")
	add.Flags().StringVar(&in.Color, "color", "", "colour as #rrggbb")
	add.Flags().StringVar(&in.OwnerID, "owner", "", "member id of the channel's owner")
	add.Flags().Float64Var(&in.Cadence, "cadence", 0, "posts per week the team aims for")
	addJSONFlag(add, e)
	list := &cobra.Command{
		Use:   "list",
		Short: "List the channels",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				chs, err := ws.Calendar.Channels(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), chs)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNETWORK\tHANDLE\tPER WEEK")
				for _, c := range chs {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%g\n", c.ID, c.Network, c.Handle, c.Cadence)
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(list, e)
	cmd.AddCommand(add, list, channelUpdateCmd(e))
	return cmd
}

// channelUpdateCmd changes the fields given of one channel and keeps the rest.
func channelUpdateCmd(e *env) *cobra.Command {
	var given calendar.ChannelInput
	cmd := &cobra.Command{
		Use:     "update ID",
		Short:   "Change a channel (only the fields given)",
		Example: "  postdeck channel update 0192... --handle @kopinusantara.id --color #e8590c",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				chs, err := ws.Calendar.Channels(cmd.Context())
				if err != nil {
					return err
				}
				i := slices.IndexFunc(chs, func(c calendar.Channel) bool { return c.ID == args[0] })
				if i < 0 {
					return apperr.New(apperr.CodeNotFound, "no such channel").With("id", args[0])
				}
				cur := chs[i]
				in := calendar.ChannelInput{Network: cur.Network, Handle: cur.Handle, Color: cur.Color, OwnerID: cur.OwnerID, Cadence: cur.Cadence}
				fl := cmd.Flags()
				if fl.Changed("network") {
					in.Network = given.Network
				}
				if fl.Changed("handle") {
					in.Handle = given.Handle
				}
				if fl.Changed("color") {
					in.Color = given.Color
				}
				if fl.Changed("owner") {
					in.OwnerID = given.OwnerID
				}
				if fl.Changed("cadence") {
					in.Cadence = given.Cadence
				}
				if err := ws.Calendar.UpdateChannel(cmd.Context(), args[0], in); err != nil {
					return err
				}
				ch := calendar.Channel{ID: args[0], Network: in.Network, Handle: strings.TrimSpace(in.Handle), Color: strings.ToLower(in.Color),
					OwnerID: in.OwnerID, Cadence: in.Cadence}
				if e.json {
					return printJSON(cmd.OutOrStdout(), ch)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\n", ch.ID, ch.Network, ch.Handle)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&given.Network, "network", "", "instagram, facebook, x, linkedin, tiktok, youtube, threads, pinterest, bluesky, mastodon or other")
	cmd.Flags().StringVar(&given.Handle, "handle", "", "the account name, such as @kopinusantara")
	cmd.Flags().StringVar(&given.Color, "color", "", "colour as #rrggbb")
	cmd.Flags().StringVar(&given.OwnerID, "owner", "", "member id of the channel's owner (empty: nobody)")
	cmd.Flags().Float64Var(&given.Cadence, "cadence", 0, "posts per week the team aims for")
	addJSONFlag(cmd, e)
	return cmd
}

// campaignUpdateCmd changes the fields given of one campaign and keeps the rest.
