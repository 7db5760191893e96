package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
)

// postFlags binds the flags of post add and update.
type postFlags struct {
	in       calendar.PostInput
	variants []string
	repeat   calendar.Repeat
}

func (f *postFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.in.Title, "title", "", "title")
	fl.StringVar(&f.in.Body, "text", "", "the text, for every channel unless --variant says otherwise")
	fl.StringSliceVar(&f.in.Channels, "channel", nil, "channel id, repeatable")
	fl.StringArrayVar(&f.variants, "variant", nil, "CHANNEL_ID=TEXT: the text on one channel, repeatable")
	fl.StringVar(&f.in.Date, "date", "", "day, YYYY-MM-DD (none: an idea in the backlog)")
	fl.StringVar(&f.in.Time, "time", "", "time, HH:MM (none: all day)")
	fl.StringVar(&f.in.OwnerID, "owner", "", "member id of the owner")
	fl.StringVar(&f.in.ApproverID, "approver", "", "member id of the approver")
	fl.StringVar(&f.in.CampaignID, "campaign", "", "campaign id")
	fl.StringArrayVar(&f.in.Labels, "label", nil, "label, repeatable (a comma is part of the label)")
	fl.StringVar(&f.in.Rating, "rating", "G", "content rating: G, PG or PG-13")
	fl.StringVar(&f.repeat.Freq, "repeat", "", "repeat daily, weekly or monthly from --date (none: stop repeating)")
	fl.IntVar(&f.repeat.Interval, "every", 1, "repeat every N days, weeks or months")
	fl.StringSliceVar(&f.repeat.Weekdays, "on", nil, "weekly: days such as MO,WE,FR")
	fl.StringVar(&f.repeat.MonthlyBy, "monthly-by", "day", "monthly: day (same date), weekday (such as 2nd Tuesday) or lastWeekday")
	fl.IntVar(&f.repeat.Count, "count", 0, "stop after this many posts")
	fl.StringVar(&f.repeat.Until, "until", "", "stop after this day, YYYY-MM-DD")
}

// check refuses repeat numbers that mean nothing: --every 0 (once stored as
// 1) and --count 0 (once a series without end).
func (f *postFlags) check(cmd *cobra.Command) error {
	fl := cmd.Flags()
	if fl.Changed("every") && (f.repeat.Interval < 1 || f.repeat.Interval > 99) {
		return apperr.Invalid("post.repeat_interval", "every", "repeat every 1 to 99 days, weeks or months").With("max", 99)
	}
	if fl.Changed("count") && (f.repeat.Count < 1 || f.repeat.Count > 1000) {
		return apperr.Invalid("post.repeat_count", "count", "a series has 1 to 1000 posts").With("max", 1000)
	}
	return nil
}

// noteSkippedTime says so when the time asked for does not exist on that
// day (the clocks skip it) and the post was saved at the time it comes to.
func noteSkippedTime(cmd *cobra.Command, ws *core.Workspace, asked string, p calendar.Post) {
	if asked == "" || p.Time == "" || asked == p.Time {
		return
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%s does not exist on %s in %s (the clocks go forward): the post is at %s.\n",
		asked, p.Date, ws.Calendar.Zone(cmd.Context()), p.Time)
}

// repeatInput is the repeat the flags ask for (nil: none).
func (f *postFlags) repeatInput() *calendar.Repeat {
	if f.repeat.Freq == "" || f.repeat.Freq == "none" {
		return nil
	}
	r := f.repeat
	return &r
}

func (f *postFlags) input() (calendar.PostInput, error) {
	in := f.in
	in.Variants = map[string]string{}
	for _, v := range f.variants {
		ch, text, ok := strings.Cut(v, "=")
		if !ok {
			return in, fmt.Errorf("--variant takes CHANNEL_ID=TEXT, got %q", v)
		}
		in.Variants[ch] = text
	}
	in.Repeat = f.repeatInput()
	return in, nil
}

func postCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "post", Short: "Plan, change and move posts through the workflow"}
	cmd.AddCommand(postAddCmd(e), postUpdateCmd(e), postDeleteCmd(e), postListCmd(e), postShowCmd(e), postMoveCmd(e), postSkipCmd(e), postGapsCmd(e), postAttachCmd(e))
	return cmd
}

func postAddCmd(e *env) *cobra.Command {
	f := &postFlags{}
	tf := &templateFlags{}
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Add a post",
		Example: "  postdeck post add --title 'Promo Ramadan' --text 'Diskon 20%' --channel ID --date 2027-02-20 --time 09:30\n" +
			"  postdeck post add --template ID --set product='Kopi Gula Aren' --set link=https://kopi.id --date 2027-02-20",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.check(cmd); err != nil {
				return err
			}
			if tf.id != "" {
				return tf.add(cmd, e, f)
			}
			if len(tf.sets) > 0 {
				return apperr.New("cli.set_needs_template", "--set fills a template's placeholders: give --template ID")
			}
			in, err := f.input()
			if err != nil {
				return err
			}
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				p, err := ws.Calendar.AddPost(cmd.Context(), actor, in)
				if err != nil {
					return err
				}
				noteSkippedTime(cmd, ws, in.Time, p)
				return e.printPost(cmd, p)
			})
		},
	}
	f.bind(cmd)
	tf.bind(cmd)
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func postUpdateCmd(e *env) *cobra.Command {
	f := &postFlags{}
	var occurrence string
	cmd := &cobra.Command{
		Use:   "update ID",
		Short: "Change a post or a whole series (only the fields given); editing approved text sends it back to review",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.check(cmd); err != nil {
				return err
			}
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				cur, err := ws.Calendar.Post(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				if occurrence != "" {
					cur.Date, cur.Repeat = occurrence, nil
				}
				in := calendar.PostInput{Title: cur.Title, Body: cur.Body, Channels: cur.Channels, Variants: cur.Variants,
					Date: cur.Date, Time: cur.Time, OwnerID: cur.OwnerID, ApproverID: cur.ApproverID, CampaignID: cur.CampaignID,
					Labels: cur.Labels, Rating: cur.Rating, Repeat: cur.Repeat}
				given, err := f.input()
				if err != nil {
					return err
				}
				fl := cmd.Flags()
				set := func(name string, apply func()) {
					if fl.Changed(name) {
						apply()
					}
				}
				set("title", func() { in.Title = given.Title })
				set("text", func() { in.Body = given.Body })
				set("channel", func() { in.Channels = given.Channels })
				set("variant", func() { in.Variants = given.Variants })
				set("date", func() { in.Date = given.Date })
				set("time", func() { in.Time = given.Time })
				set("owner", func() { in.OwnerID = given.OwnerID })
				set("approver", func() { in.ApproverID = given.ApproverID })
				set("campaign", func() { in.CampaignID = given.CampaignID })
				set("label", func() { in.Labels = given.Labels })
				set("rating", func() { in.Rating = given.Rating })
				for _, name := range []string{"repeat", "every", "on", "monthly-by", "count", "until"} {
					set(name, func() { in.Repeat = given.Repeat })
				}
				var res calendar.UpdateResult
				if occurrence != "" {
					res, err = ws.Calendar.EditOccurrence(cmd.Context(), actor, args[0], occurrence, in)
				} else {
					res, err = ws.Calendar.UpdatePost(cmd.Context(), actor, args[0], in)
				}
				if err != nil {
					return err
				}
				if fl.Changed("time") {
					noteSkippedTime(cmd, ws, in.Time, res.Post)
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), res)
				}
				if res.BackToReview {
					fmt.Fprintln(cmd.ErrOrStderr(), "The approved text changed: the post went back to review.")
				}
				return e.printPost(cmd, res.Post)
			})
		},
	}
	f.bind(cmd)
	cmd.Flags().StringVar(&occurrence, "occurrence", "", "change only the post of a series on this day, YYYY-MM-DD")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func postDeleteCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Remove a post (kept in history)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := ws.Calendar.DeletePost(cmd.Context(), args[0]); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"id": args[0], "deleted": true})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Removed post %s\n", args[0])
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func postListCmd(e *env) *cobra.Command {
	var f calendar.Filter
	var status string
	var needsLook bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List posts by date (ideas without a date last)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.Status = calendar.Status(status)
			return e.withWorkspace(func(ws *core.Workspace) error {
				var posts []calendar.Post
				var err error
				if needsLook {
					posts, err = ws.Calendar.NeedsLook(cmd.Context())
				} else {
					posts, err = ws.Calendar.Posts(cmd.Context(), f)
				}
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), posts)
				}
				if needsLook && len(posts) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "No approved post needs another look.")
					return nil
				}
				if len(posts) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "No posts. Add one with: postdeck post add --title TITLE")
					return nil
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				if !f.Marks && !needsLook {
					fmt.Fprintln(tw, "ID\tDATE\tTIME\tSTATUS\tTITLE")
					for _, p := range posts {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Date, p.Time, p.Status, p.Title)
					}
					return tw.Flush()
				}
				fmt.Fprintln(tw, "ID\tDATE\tTIME\tSTATUS\tCHECK\tTITLE")
				for _, p := range posts {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Date, p.Time, p.Status, p.Check, p.Title)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&f.From, "from", "", "first day, YYYY-MM-DD")
	cmd.Flags().StringVar(&f.To, "to", "", "last day, YYYY-MM-DD")
	cmd.Flags().BoolVar(&f.Unplanned, "ideas", false, "only posts without a date")
	cmd.Flags().StringVar(&f.ChannelID, "channel", "", "only this channel")
	cmd.Flags().StringVar(&f.CampaignID, "campaign", "", "only this campaign")
	cmd.Flags().StringVar(&f.OwnerID, "owner", "", "only this owner")
	cmd.Flags().StringVar(&status, "status", "", "only this status")
	cmd.Flags().StringVar(&f.Label, "label", "", "only this label")
	cmd.Flags().StringVar(&f.Network, "network", "", "only posts on a channel of this network")
	cmd.Flags().BoolVar(&f.Marks, "checks", false, "check each post against the style guide (CHECK: error or warning)")
	cmd.Flags().BoolVar(&needsLook, "needs-look", false, "only approved posts the style guide now finds errors in")
	addJSONFlag(cmd, e)
	return cmd
}

// PostDetail is what 'postdeck post show --json' prints.
type PostDetail struct {
	calendar.Post
	History  []calendar.Event   `json:"history"`
	Comments []calendar.Comment `json:"comments"`
}

func postShowCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a post with its history and comments",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				p, err := ws.Calendar.Post(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				hist, err := ws.Calendar.History(cmd.Context(), p.ID)
				if err != nil {
					return err
				}
				comments, err := ws.Calendar.Comments(cmd.Context(), p.ID)
				if err != nil {
					return err
				}
				d := PostDetail{Post: p, History: hist, Comments: comments}
				if e.json {
					return printJSON(cmd.OutOrStdout(), d)
				}
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "%s\n%s %s  %s\n\n%s\n", p.Title, p.Date, p.Time, p.Status, p.Body)
				for ch, text := range p.Variants {
					fmt.Fprintf(w, "\n[%s]\n%s\n", ch, text)
				}
				for _, h := range hist {
					fmt.Fprintf(w, "\n%s  %s -> %s  %s %s", h.At, h.From, h.To, h.MemberID, h.Note)
				}
				fmt.Fprintln(w)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func postMoveCmd(e *env) *cobra.Command {
	var status, note string
	var ack bool
	cmd := &cobra.Command{
		Use:     "move ID --status STATUS",
		Short:   "Move a post through the workflow: idea, draft, in_review, changes_requested, approved, scheduled, published, archived",
		Example: "  postdeck post move ID --status approved --as MEMBER_ID",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				p, err := ws.Calendar.MoveWith(cmd.Context(), actor, args[0], calendar.Status(status), note, calendar.MoveOptions{AckWarnings: ack})
				if err != nil {
					return err
				}
				return e.printPost(cmd, p)
			})
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "the new status")
	cmd.Flags().StringVar(&note, "comment", "", "a comment (needed when requesting changes)")
	cmd.Flags().BoolVar(&ack, "ack-warnings", false, "approve despite the style guide's warnings (kept in the post's history)")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func (e *env) printPost(cmd *cobra.Command, p calendar.Post) error {
	if e.json {
		return printJSON(cmd.OutOrStdout(), p)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s %s\t%s\t%s\n", p.ID, p.Date, p.Time, p.Status, p.Title)
	return nil
}

func postSkipCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "skip SERIES_ID DATE",
		Short:   "Leave one day out of a repeating post",
		Example: "  postdeck post skip 0193… 2026-12-24",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := ws.Calendar.SkipOccurrence(cmd.Context(), args[0], args[1]); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"id": args[0], "skipped": args[1]})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Skipped %s\n", args[1])
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func postGapsCmd(e *env) *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "gaps",
		Short: "Channels with fewer posts planned in the next 14 days than their cadence asks for",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				rep, err := ws.Calendar.Gaps(cmd.Context(), from)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), rep)
				}
				if len(rep.Gaps) == 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "No gaps from %s to %s: every channel has its posts planned.\n", rep.From, rep.To)
					return nil
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "CHANNEL\tPLANNED\tCADENCE ASKS FOR")
				for _, g := range rep.Gaps {
					fmt.Fprintf(tw, "%s\t%d\t%d\n", g.ChannelID, g.Planned, g.Expected)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first day, YYYY-MM-DD (default today)")
	addJSONFlag(cmd, e)
	return cmd
}

func postAttachCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "attach ID FILE...",
		Short:   "Attach files (photos, videos, a brief) to a post; with no FILE, list its files",
		Example: "  postdeck post attach 0193… foto-produk.jpg brief.pdf",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				for _, file := range args[1:] {
					data, err := readFileLimited(file, calendar.MaxAttachmentBytes)
					if err != nil {
						return err
					}
					if _, err := ws.Calendar.AddAttachment(cmd.Context(), args[0], filepath.Base(file), data); err != nil {
						return err
					}
				}
				list, err := ws.Calendar.Attachments(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), list)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tSIZE\tSTATE")
				for _, a := range list {
					fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", a.ID, a.Name, a.Size, a.State)
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

// readFileLimited reads a file the user named, refusing one larger than max
// before reading it all.
func readFileLimited(name string, max int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, apperr.Invalid("attachment.unreadable", "file", "the file could not be read").With("name", name).Wrap(err)
	}
	if info.Size() > max {
		return nil, apperr.Invalid("attachment.too_large", "file", "the file is too large").With("name", name).With("maxMB", max>>20)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, apperr.Invalid("attachment.unreadable", "file", "the file could not be read").With("name", name).Wrap(err)
	}
	return data, nil
}
