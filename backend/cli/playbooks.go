package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/playbooks"
)

// seedBuiltIns writes the built-in plan and playbooks in this device's
// language the first time anyone on the team needs them.
func seedBuiltIns(cmd *cobra.Command, ws *core.Workspace) error {
	info, err := ws.Workspace.Info(cmd.Context())
	if err != nil {
		return err
	}
	return ws.Playbooks.SeedBuiltIns(cmd.Context(), info.Language)
}

func planCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "plan", Short: "Campaign plans: posts and tasks at days from a start date, by role"}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the campaign plans",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := seedBuiltIns(cmd, ws); err != nil {
					return err
				}
				plans, err := ws.Playbooks.Plans(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), plans)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tLANG\tSTEPS")
				for _, p := range plans {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", p.ID, p.Name, p.Lang, len(p.Steps))
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(list, e)
	cmd.AddCommand(list, planApplyCmd(e))
	return cmd
}

func planApplyCmd(e *env) *cobra.Command {
	var start, name string
	var assign []string
	var dry bool
	cmd := &cobra.Command{
		Use:   "apply PLAN_ID --start YYYY-MM-DD --assign ROLE=MEMBER_ID ...",
		Short: "Create a campaign with its posts and tasks from a plan (all or nothing)",
		Long: "Lays the plan out from the start date (day 0), gives each step to the member named for its role,\n" +
			"and creates the campaign, its posts and its tasks in one go. Any problem (a role nobody was given,\n" +
			"a member away on a step's day, a day already past) stops it before anything is created.\n" +
			"With --dry-run it only shows what it would create.",
		Example: "  postdeck plan apply 0192... --start 2027-03-01 --assign social_media_manager=0192... --assign content_creator=0192... --dry-run --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := playbooks.ApplyInput{PlanID: args[0], Start: start, Assign: map[string]string{}, CampaignName: name}
			for _, a := range assign {
				role, member, ok := strings.Cut(a, "=")
				if !ok || strings.TrimSpace(role) == "" || strings.TrimSpace(member) == "" {
					return apperr.Invalid("cli.assign_invalid", "assign", "write --assign ROLE=MEMBER_ID").With("detail", a)
				}
				in.Assign[strings.TrimSpace(role)] = strings.TrimSpace(member)
			}
			if start == "" {
				return apperr.Invalid("plan.start_invalid", "start", "give the start date with --start YYYY-MM-DD")
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := seedBuiltIns(cmd, ws); err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				if dry {
					p, err := ws.Playbooks.PreviewPlan(cmd.Context(), in)
					if err != nil {
						return err
					}
					if e.json {
						return printJSON(out, map[string]any{"dryRun": true, "preview": p})
					}
					printPreview(cmd, p)
					return p.Err()
				}
				actor, err := e.actor(cmd, ws)
				if err != nil {
					return err
				}
				res, err := ws.Playbooks.ApplyPlan(cmd.Context(), actor, in)
				if err != nil {
					if len(res.Preview.Problems) > 0 && !e.json {
						printPreview(cmd, res.Preview)
					}
					return err
				}
				if e.json {
					return printJSON(out, res)
				}
				printPreview(cmd, res.Preview)
				fmt.Fprintf(out, "created campaign %s with %d posts and %d tasks\n", res.CampaignID, len(res.PostIDs), len(res.TaskIDs))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&start, "start", "", "day 0 of the plan, YYYY-MM-DD (the workspace's time zone)")
	cmd.Flags().StringArrayVar(&assign, "assign", nil, "ROLE=MEMBER_ID, once per role of the plan")
	cmd.Flags().StringVar(&name, "name", "", "the new campaign's name (default: the plan's name and the start date)")
	cmd.Flags().BoolVar(&dry, "dry-run", false, "only show what would be created")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func printPreview(cmd *cobra.Command, p playbooks.Preview) {
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTIME\tKIND\tTITLE\tROLE\tMEMBER")
	for _, it := range p.Items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", it.Date, it.Time, it.Kind, it.Title, it.Role, it.MemberName)
	}
	_ = tw.Flush()
	for _, pr := range p.Problems {
		fmt.Fprintf(cmd.OutOrStdout(), "problem: %s (%s)\n", pr.Message, pr.Code)
	}
}

func playbookCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "playbook", Short: "Process playbooks: how the team handles campaigns, reports, inquiries and crises"}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the playbooks (--due: only those due for review)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := seedBuiltIns(cmd, ws); err != nil {
					return err
				}
				list := ws.Playbooks.Playbooks
				if due, _ := cmd.Flags().GetBool("due"); due {
					list = ws.Playbooks.DuePlaybooks
				}
				pbs, err := list(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), pbs)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tTITLE\tLANG\tOWNER ROLE\tNEXT REVIEW")
				for _, p := range pbs {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Title, p.Lang, p.OwnerRole, p.DueOn)
				}
				return tw.Flush()
			})
		},
	}
	list.Flags().Bool("due", false, "only the playbooks due for review")
	addJSONFlag(list, e)
	run := &cobra.Command{
		Use:     "run ID",
		Short:   "Start a playbook: a task with its checklist for the member holding its role",
		Example: "  postdeck playbook run 0192... --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := seedBuiltIns(cmd, ws); err != nil {
					return err
				}
				actor, err := e.actor(cmd, ws)
				if err != nil {
					return err
				}
				res, err := ws.Playbooks.RunPlaybook(cmd.Context(), actor, args[0])
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), res)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "task %s for %s, due %s, %d checklist items\n", res.TaskID, res.AssigneeID, res.Due, len(res.Checklist))
				return nil
			})
		},
	}
	addJSONFlag(run, e)
	addAsFlag(run, e)
	cmd.AddCommand(list, run, playbookExportCmd(e))
	return cmd
}

func playbookExportCmd(e *env) *cobra.Command {
	var format, lang, out string
	cmd := &cobra.Command{
		Use:   "export --format md|html --lang en|id --out FILE",
		Short: "Write the playbooks and guidelines as one training guide (Markdown or a standalone HTML page)",
		Example: "  postdeck playbook export --format html --lang id --out panduan.html\n" +
			"  postdeck playbook export --format md --lang en --out -",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return apperr.Invalid("export.out_required", "out", "say where to write the file with --out FILE (- for standard output)")
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := seedBuiltIns(cmd, ws); err != nil {
					return err
				}
				data, err := ws.Playbooks.Export(cmd.Context(), format, lang)
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
					return printJSON(cmd.OutOrStdout(), map[string]any{"file": out, "bytes": len(data), "format": format, "lang": lang})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d bytes)\n", out, len(data))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "md or html")
	cmd.Flags().StringVar(&lang, "lang", "en", "en or id")
	cmd.Flags().StringVar(&out, "out", "", "the file to write (- for standard output)")
	addJSONFlag(cmd, e)
	return cmd
}
