package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/feeds"
	"postdeck/backend/sharedfolder"
)

// addCalendarFileCommands adds `export ics`, `import ics` and `feed` to
// root. The export and import parents are shared with other file formats,
// so an existing one is reused.
func addCalendarFileCommands(root *cobra.Command, e *env) {
	under(root, "export", "Write calendar data to files").AddCommand(exportICSCmd(e))
	under(root, "import", "Read calendar data from files").AddCommand(importICSCmd(e))
	root.AddCommand(feedCmd(e))
}

// selectionFlags binds the filters of `export ics` and `feed add`.
func selectionFlags(cmd *cobra.Command, sel *feeds.Selection, noCampaigns *bool) {
	fl := cmd.Flags()
	fl.StringVar(&sel.MemberID, "member", "", "only the posts this member owns (a freelancer's own calendar)")
	fl.StringVar(&sel.ChannelID, "channel", "", "only posts on this channel id")
	fl.StringVar(&sel.Network, "network", "", "only posts on this network (instagram, x, …)")
	fl.StringVar(&sel.CampaignID, "campaign", "", "only this campaign's posts")
	fl.StringSliceVar(&sel.Statuses, "status", nil, "only posts in this status, repeatable (default: every status but archived)")
	fl.StringVar(&sel.From, "from", "", "first day, YYYY-MM-DD")
	fl.StringVar(&sel.To, "to", "", "last day, YYYY-MM-DD")
	fl.BoolVar(&sel.Private, "private", false, "leave out texts, statuses and labels (for clients)")
	fl.BoolVar(noCampaigns, "no-campaigns", false, "leave out campaigns and promotions")
	fl.StringVar(&sel.Language, "lang", "en", "language of the words Postdeck adds: en or id")
}

func exportICSCmd(e *env) *cobra.Command {
	var sel feeds.Selection
	var out, feed string
	var noCampaigns bool
	cmd := &cobra.Command{
		Use:   "ics --out FILE",
		Short: "Write posts and campaigns as an .ics calendar file",
		Long: "Writes dated posts (not ideas) and campaigns as an iCalendar file that Google Calendar, Outlook,\n" +
			"Apple Calendar and Thunderbird import. --feed writes what a named feed holds; the other flags filter.",
		Example: "  postdeck export ics --out budi.ics --member ID --private\n  postdeck export ics --out - --from 2027-03-01 --to 2027-03-31",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return apperr.Invalid("export.out_required", "out", "say where to write the file with --out FILE (- for standard output)")
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				if feed != "" {
					if filtered(cmd) {
						return apperr.Invalid("export.feed_and_filters", "feed", "--feed takes its filters from the feed; give one or the other")
					}
					f, err := ws.Feeds.Feed(cmd.Context(), feed)
					if err != nil {
						return err
					}
					sel = f.Selection()
				} else {
					sel.Campaigns = !noCampaigns
					if sel.Name == "" {
						info, err := ws.Workspace.Info(cmd.Context())
						if err != nil {
							return err
						}
						sel.Name = info.Name
					}
				}
				data, err := ws.Feeds.Export(cmd.Context(), sel)
				if err != nil {
					return err
				}
				if out == "-" {
					_, err := cmd.OutOrStdout().Write(data)
					return err
				}
				if err := writeFile(out, data); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"file": out, "bytes": len(data)})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d bytes)\n", out, len(data))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the file to write (- for standard output)")
	cmd.Flags().StringVar(&feed, "feed", "", "write what this feed holds (name, file name or id)")
	cmd.Flags().StringVar(&sel.Name, "name", "", "the calendar's name in the subscriber's app (default: the workspace's)")
	selectionFlags(cmd, &sel, &noCampaigns)
	addJSONFlag(cmd, e)
	return cmd
}

// filtered says whether any selection flag was given.
func filtered(cmd *cobra.Command) bool {
	for _, f := range []string{"member", "channel", "network", "campaign", "status", "from", "to", "private", "no-campaigns", "lang", "name"} {
		if cmd.Flags().Changed(f) {
			return true
		}
	}
	return false
}

// writeFile writes a file the user named, atomically.
func writeFile(path string, data []byte) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return apperr.Invalid("export.folder_missing", "out", "the folder of the file does not exist").With("detail", filepath.Dir(abs))
	}
	if err := (sharedfolder.DirFS{Root: filepath.Dir(abs)}).WriteFileAtomic(filepath.Base(abs), data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

func importICSCmd(e *env) *cobra.Command {
	var layer string
	cmd := &cobra.Command{
		Use:   "ics FILE",
		Short: "Import an .ics calendar (public holidays, marketing days) as a read-only layer",
		Long: "Reads an iCalendar file into a layer shown beside the posts. Importing into the same layer again\n" +
			"updates its events by UID and removes the ones the file no longer has. A file that cannot be read\n" +
			"changes nothing; the error names its line.",
		Example: "  postdeck import ics libur-nasional.ics --layer 'Libur nasional'",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readCalendarFile(cmd.InOrStdin(), args[0])
			if err != nil {
				return err
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				res, err := ws.Layers.Import(cmd.Context(), layer, args[0], data)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), res)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d added, %d updated, %d unchanged, %d removed\n",
					res.Layer.Name, res.Added, res.Updated, res.Unchanged, res.Removed)
				if res.Dropped > 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "%d control characters (such as NUL) were left out of the text.\n", res.Dropped)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&layer, "layer", "", "the layer's name (default: the calendar's own name, else the file's)")
	addJSONFlag(cmd, e)
	return cmd
}

// readCalendarFile reads an .ics file, "-" for standard input (the import
// itself refuses files over its limit).
func readCalendarFile(stdin io.Reader, name string) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, apperr.Invalid("import.file_missing", "file", "the file cannot be opened").WithCause(err)
		}
		defer f.Close()
		r = f
	}
	return io.ReadAll(io.LimitReader(r, 64<<20))
}

func feedCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed",
		Short: "Calendar feeds that Postdeck keeps published for freelancers and clients",
		Long: "A feed is a named selection of the calendar. Postdeck writes it as NAME.ics into the shared\n" +
			"folder's feeds/ directory (and into this device's feeds folder, if set) after every change,\n" +
			"so a freelancer subscribes once to the file's link.",
	}
	cmd.AddCommand(feedAddCmd(e), feedListCmd(e), feedPublishCmd(e), feedDeleteCmd(e), feedFolderCmd(e))
	return cmd
}

func feedAddCmd(e *env) *cobra.Command {
	var sel feeds.Selection
	var noCampaigns bool
	cmd := &cobra.Command{
		Use:     "add --name NAME [filters]",
		Short:   "Add a feed",
		Example: "  postdeck feed add --name 'Budi (freelancer)' --member ID --private",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sel.Campaigns = !noCampaigns
			return e.withWorkspace(func(ws *core.Workspace) error {
				f, err := ws.Feeds.AddFeed(cmd.Context(), sel)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), f)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\n", f.ID, f.Name, f.FileName)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sel.Name, "name", "", "the feed's name (also its calendar's name)")
	selectionFlags(cmd, &sel, &noCampaigns)
	addJSONFlag(cmd, e)
	return cmd
}

func feedListCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the feeds",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				fs, err := ws.Feeds.Feeds(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), fs)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tFILE\tPRIVATE")
				for _, f := range fs {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%v\n", f.ID, f.Name, f.FileName, f.Private)
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func feedPublishCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Write every feed whose content changed, now",
		Long: "Writes the feeds into the shared folder's feeds/ directory and this device's feeds folder.\n" +
			"Files whose content is current are left alone; files of deleted feeds are removed.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				rep, err := ws.Publisher.Publish(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), rep)
				}
				if len(rep.Folders) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "nowhere to publish: connect a shared folder (postdeck sync connect) or set a feeds folder (postdeck feed folder DIR)")
					return nil
				}
				for _, w := range rep.Written {
					fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", w)
				}
				for _, r := range rep.Removed {
					fmt.Fprintf(cmd.OutOrStdout(), "removed %s\n", r)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d written, %d unchanged, %d removed\n", len(rep.Written), rep.Unchanged, len(rep.Removed))
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func feedDeleteCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete NAME|ID",
		Short: "Delete a feed (its files go with the next publish)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				f, err := ws.Feeds.Feed(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				if err := ws.Feeds.DeleteFeed(cmd.Context(), f.ID); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"id": f.ID, "deleted": true})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "deleted %s\n", f.Name)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func feedFolderCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "folder [DIR]",
		Short: "Show or set this device's own feeds folder (\"\" to stop publishing there)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if len(args) == 1 {
					if err := ws.Feeds.SetFolder(cmd.Context(), args[0]); err != nil {
						return err
					}
				}
				dir, err := ws.Feeds.Folder()
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"folder": dir})
				}
				fmt.Fprintln(cmd.OutOrStdout(), dir)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}
