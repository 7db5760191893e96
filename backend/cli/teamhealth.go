package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/absences"
	"postdeck/backend/core"
)

func absenceCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "absence", Short: "Record and list absences (vacation, sickness, other leave)"}
	cmd.AddCommand(absenceAddCmd(e), absenceListCmd(e), absenceDeleteCmd(e))
	return cmd
}

func absenceAddCmd(e *env) *cobra.Command {
	var in absences.Input
	cmd := &cobra.Command{
		Use:     "add",
		Short:   "Record that a member is away from a day to a day (inclusive, workspace time zone)",
		Example: "  postdeck absence add --member 0193… --from 2027-03-01 --to 2027-03-05 --kind vacation",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				a, err := ws.Absences.Add(cmd.Context(), actor, in)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), a)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Recorded %s %s to %s (%s)\n", a.Kind, a.From, a.To, a.ID)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&in.MemberID, "member", "", "member id of who is away")
	fl.StringVar(&in.From, "from", "", "first day away, YYYY-MM-DD")
	fl.StringVar(&in.To, "to", "", "last day away, YYYY-MM-DD")
	fl.StringVar(&in.Kind, "kind", absences.Vacation, "vacation, sick or other")
	fl.StringVar(&in.Note, "note", "", "a note for the team")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func absenceListCmd(e *env) *cobra.Command {
	var f absences.Filter
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List absences, earliest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				list, err := ws.Absences.List(cmd.Context(), f)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), list)
				}
				name := nameOf(cmd, ws)
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tMEMBER\tKIND\tFROM\tTO")
				for _, a := range list {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, name(a.MemberID), a.Kind, a.From, a.To)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&f.MemberID, "member", "", "only this member's absences")
	cmd.Flags().StringVar(&f.From, "from", "", "only absences that end on or after this day")
	cmd.Flags().StringVar(&f.To, "to", "", "only absences that start on or before this day")
	addJSONFlag(cmd, e)
	return cmd
}

func absenceDeleteCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Remove an absence (work already handed over stays with the backup)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				if err := ws.Absences.Delete(cmd.Context(), actor, args[0]); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"id": args[0], "deleted": true})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Removed absence %s\n", args[0])
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func handoverCmd(e *env) *cobra.Command {
	var dry bool
	cmd := &cobra.Command{
		Use:   "handover ABSENCE_ID",
		Short: "Hand an absent member's open tasks, posts and approvals to their backup",
		Long: "Hands the open tasks assigned to the absent member, the posts they own that are not published and the\n" +
			"posts waiting for their approval to their backup, recording it on each item. Approvals go to the backup only\n" +
			"if the backup's roles may approve; otherwise they stay and the output names who can. --dry-run only lists.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				r, err := ws.Absences.HandOver(cmd.Context(), actor, args[0], dry)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), r)
				}
				name := nameOf(cmd, ws)
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "KIND\tITEM\tFROM\tTO\tSTATE")
				for _, it := range r.Items {
					to := name(it.ToID)
					state := it.State
					if it.Reason != "" && it.State != absences.StateHandedOver {
						state += " (" + it.Reason
						if len(it.CanApprove) > 0 {
							var who []string
							for _, id := range it.CanApprove {
								who = append(who, name(id))
							}
							state += ": " + strings.Join(who, ", ") + " may approve"
						}
						state += ")"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", it.Kind, it.Title, name(it.FromID), to, state)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				verb := "Handed over"
				if dry {
					verb = "Would hand over"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s %d, left %d\n", verb, r.Moved, r.Left)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&dry, "dry-run", false, "list what would be handed over without changing anything")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func healthCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "health",
		Short: "Check the team's setup against the five goals (workload, coverage, responsibility, moderation, backups)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				r, err := ws.Health.Health(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), r)
				}
				for _, c := range r.Checks {
					fmt.Fprintf(cmd.OutOrStdout(), "%-15s %-8s %s\n", c.ID, c.State, c.Advice)
					for _, it := range c.Items {
						fmt.Fprintf(cmd.OutOrStdout(), "    %s %s: %s\n", it.Kind, it.Label, it.Reason)
					}
				}
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func workloadCmd(e *env) *cobra.Command {
	var from string
	var weeks int
	cmd := &cobra.Command{
		Use:   "workload",
		Short: "Each member's hours per week (tasks due and posts owned) against their capacity",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				w, err := ws.Health.Workload(cmd.Context(), from, weeks)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), w)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintf(tw, "MEMBER\t%s\n", strings.Join(w.Weeks, "\t"))
				for _, m := range w.Members {
					cells := make([]string, len(m.Weeks))
					for i, wk := range m.Weeks {
						cells[i] = fmt.Sprintf("%.1f/%.0f", wk.Hours, wk.Capacity)
						if wk.Over {
							cells[i] += " OVER"
						}
					}
					fmt.Fprintf(tw, "%s\t%s\n", m.Name, strings.Join(cells, "\t"))
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "a day of the first week (default: this week)")
	cmd.Flags().IntVar(&weeks, "weeks", 4, "how many weeks")
	addJSONFlag(cmd, e)
	return cmd
}

// nameOf names members for tables; "" and unknown ids show as "-".
func nameOf(cmd *cobra.Command, ws *core.Workspace) func(string) string {
	names, _ := memberNames(cmd, ws)
	return func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return "-"
	}
}

func printAutoHandovers(cmd *cobra.Command, done []absences.Result) {
	for _, r := range done {
		fmt.Fprintf(cmd.ErrOrStderr(), "Handed over automatically (absence %s): %d items to the backup, %d left\n",
			r.Absence.ID, r.Moved, r.Left)
	}
}
