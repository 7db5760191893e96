package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/meetings"
)

// defaultTitles name a meeting added without --title.
var defaultTitles = map[string]string{meetings.KindCheckin: "Weekly check-in", meetings.KindStakeholder: "Stakeholder meeting"}

func meetingCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "meeting", Short: "Weekly check-ins and stakeholder meetings"}
	cmd.AddCommand(meetingAddCmd(e), meetingListCmd(e), meetingShowCmd(e), meetingCheckinCmd(e), meetingActionCmd(e), meetingNotesCmd(e), meetingSkipCmd(e))
	return cmd
}

func meetingAddCmd(e *env) *cobra.Command {
	var in meetings.Input
	var guests []string
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Add a meeting, or a weekly check-in that repeats",
		Example: "  postdeck meeting add --kind checkin --date 2027-01-04 --time 09:30 --repeat weekly --attendee 0192... --attendee 0193...\n" +
			"  postdeck meeting add --kind stakeholder --title \"Brand review\" --date 2027-01-06 --time 14:00 --guest \"Dewi:Brand manager\"",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(in.Title) == "" && !cmd.Flags().Changed("title") {
				in.Title = defaultTitles[in.Kind]
			}
			for _, g := range guests {
				name, role, _ := strings.Cut(g, ":")
				in.Guests = append(in.Guests, meetings.Guest{Name: name, Role: role})
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				m, err := ws.Meetings.Add(cmd.Context(), in)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), m)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s %s\t%s\n", m.ID, m.Date, m.Time, m.Title)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&in.Kind, "kind", "", "checkin or stakeholder")
	f.StringVar(&in.Title, "title", "", "the meeting's title (default: Weekly check-in or Stakeholder meeting)")
	f.StringVar(&in.Date, "date", "", "day of the (first) meeting, YYYY-MM-DD, in the workspace's time zone")
	f.StringVar(&in.Time, "time", "", "start time, HH:MM")
	f.IntVar(&in.DurationMinutes, "duration", 0, "length in minutes (default 30)")
	f.StringVar(&in.Repeat, "repeat", "", "weekly: the same weekday and time every week")
	f.StringVar(&in.Agenda, "agenda", "", "the agenda (free text)")
	f.StringArrayVar(&in.AttendeeIDs, "attendee", nil, "member id of an attendee (repeat for each)")
	f.StringArrayVar(&guests, "guest", nil, "someone from outside the team as \"Name:Role\" (repeat for each)")
	f.StringArrayVar(&in.PostIDs, "post", nil, "id of a post the meeting is about (repeat for each)")
	f.StringArrayVar(&in.CampaignIDs, "campaign", nil, "id of a campaign the meeting is about (repeat for each)")
	addJSONFlag(cmd, e)
	return cmd
}

func meetingListCmd(e *env) *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the meetings (with --from and --to: every meeting day in that range)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if from != "" || to != "" {
					if from == "" || to == "" {
						return apperr.Invalid("meeting.range_incomplete", "to", "give both --from and --to")
					}
					occ, err := ws.Meetings.Occurrences(cmd.Context(), from, to)
					if err != nil {
						return err
					}
					if e.json {
						return printJSON(cmd.OutOrStdout(), occ)
					}
					tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "DAY ID\tMEETING\tDATE\tTIME\tKIND\tTITLE")
					for _, o := range occ {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", o.ID, o.MeetingID, o.Date, o.Time, o.Kind, o.Title)
					}
					return tw.Flush()
				}
				all, err := ws.Meetings.Meetings(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), all)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tKIND\tFIRST\tTIME\tREPEAT\tNEXT\tTITLE")
				for _, m := range all {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.Kind, m.Date, m.Time, dash(m.Repeat), dash(m.Next), m.Title)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first day, YYYY-MM-DD")
	cmd.Flags().StringVar(&to, "to", "", "last day, YYYY-MM-DD")
	addJSONFlag(cmd, e)
	return cmd
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func meetingShowCmd(e *env) *cobra.Command {
	var day string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one meeting day: agenda, check-ins, action items and the last meeting's",
		Long:  "ID is a meeting id (with --date for a day of a series; default: the next meeting) or a day id from 'meeting list --from --to'.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				d, err := ws.Meetings.Day(cmd.Context(), args[0], day)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), d)
				}
				out := cmd.OutOrStdout()
				fmt.Fprintf(out, "%s\n%s %s (%d min, %s)\tday %s\n", d.Meeting.Title, d.Date, d.Occurrence.Time,
					d.Meeting.DurationMinutes, d.Meeting.Zone, d.DayID)
				if d.Agenda != "" {
					fmt.Fprintf(out, "\nAgenda:\n%s\n", d.Agenda)
				}
				if d.Previous != nil {
					fmt.Fprintf(out, "\nAction items from %s:\n", d.Previous.Date)
					printActions(out, d.Previous.Actions)
				}
				for _, c := range d.CheckIns {
					fmt.Fprintf(out, "\n%s\n  wins: %s\n  needs help: %s\n  plan: %s\n  next time: %s\n", c.MemberName, c.Wins, c.Help, c.Plan, c.NextReport)
				}
				fmt.Fprintln(out, "\nAction items:")
				printActions(out, d.Actions)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&day, "date", "", "the day of a series, YYYY-MM-DD (default: the next meeting)")
	addJSONFlag(cmd, e)
	return cmd
}

func printActions(out interface{ Write([]byte) (int, error) }, acts []meetings.Action) {
	if len(acts) == 0 {
		fmt.Fprintln(out, "  (none)")
	}
	for _, a := range acts {
		fmt.Fprintf(out, "  %s\t%s\t%s\t%s\t%s\n", a.TaskID, a.Status, dash(a.Due), dash(a.AssigneeName), a.Title)
	}
}

func meetingCheckinCmd(e *env) *cobra.Command {
	var day, member string
	var wins, help, plan, next string
	cmd := &cobra.Command{
		Use:     "checkin ID --member MEMBER_ID",
		Short:   "Write a member's check-in for a meeting day (only the fields given)",
		Example: "  postdeck meeting checkin 0192... --member 0193... --wins \"Reel reached 40k views\" --plan \"Two reels next week\"",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var in meetings.CheckInInput
			fl := cmd.Flags()
			for _, f := range []struct {
				name string
				v    *string
				dst  **string
			}{{"wins", &wins, &in.Wins}, {"needs-help", &help, &in.Help}, {"plan", &plan, &in.Plan}, {"next-report", &next, &in.NextReport}} {
				if fl.Changed(f.name) {
					*f.dst = f.v
				}
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				c, err := ws.Meetings.SaveCheckIn(cmd.Context(), args[0], day, member, in)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), c)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\tcheck-in saved\n", c.MemberName)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&day, "date", "", "the day of a series, YYYY-MM-DD (default: the next meeting)")
	f.StringVar(&member, "member", "", "whose check-in this is (member id)")
	f.StringVar(&wins, "wins", "", "their wins")
	f.StringVar(&help, "needs-help", "", "where they need help")
	f.StringVar(&plan, "plan", "", "their action plan")
	f.StringVar(&next, "next-report", "", "what they will report next time")
	addJSONFlag(cmd, e)
	return cmd
}

func meetingActionCmd(e *env) *cobra.Command {
	var day string
	var in meetings.ActionInput
	cmd := &cobra.Command{
		Use:     "action ID --title T --assignee MEMBER_ID",
		Short:   "Add an action item: a task for a member, due on the next meeting unless --due is given",
		Example: "  postdeck meeting action 0192... --title \"Draft the Ramadan plan\" --assignee 0193...",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				a, err := ws.Meetings.AddAction(cmd.Context(), actor, args[0], day, in)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), a)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\t%s\n", a.TaskID, dash(a.Due), a.AssigneeName, a.Title)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&day, "date", "", "the day of a series, YYYY-MM-DD (default: the next meeting)")
	f.StringVar(&in.Title, "title", "", "what is to be done")
	f.StringVar(&in.Description, "description", "", "details (Markdown)")
	f.StringVar(&in.AssigneeID, "assignee", "", "member id of who does it")
	f.StringVar(&in.Due, "due", "", "due date, YYYY-MM-DD (default: the next meeting's day)")
	f.StringVar(&in.DueTime, "time", "", "due time, HH:MM")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func meetingNotesCmd(e *env) *cobra.Command {
	var day, lang string
	cmd := &cobra.Command{
		Use:   "notes ID",
		Short: "Print a meeting day's notes as Markdown, for people without Postdeck",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				text, err := ws.Meetings.Markdown(cmd.Context(), args[0], day, lang)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]string{"markdown": text})
				}
				_, err = fmt.Fprint(cmd.OutOrStdout(), text)
				return err
			})
		},
	}
	cmd.Flags().StringVar(&day, "date", "", "the day of a series, YYYY-MM-DD (default: the next meeting)")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the headings: en or id")
	addJSONFlag(cmd, e)
	return cmd
}

func meetingSkipCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "skip ID YYYY-MM-DD",
		Short: "Leave one week out of a weekly meeting (what was written for it stays)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := ws.Meetings.SkipDay(cmd.Context(), args[0], args[1]); err != nil {
					return err
				}
				m, err := ws.Meetings.Meeting(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), m)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\tskipped %s\tnext %s\n", m.Title, args[1], dash(m.Next))
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}
