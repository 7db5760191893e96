package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
	"postdeck/backend/tasks"
)

func taskCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "task", Short: "Add, change, list and tick off the team's tasks"}
	cmd.AddCommand(taskAddCmd(e), taskUpdateCmd(e), taskListCmd(e), taskShowCmd(e), taskCheckCmd(e),
		taskCommentCmd(e), taskDeleteCmd(e))
	return cmd
}

// taskFlags binds the flags shared by add and update.
type taskFlags struct {
	in tasks.Input
}

func (f *taskFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.in.Title, "title", "", "what is to be done")
	fl.StringVar(&f.in.Description, "description", "", "details, in Markdown")
	fl.StringVar(&f.in.AssigneeID, "assignee", "", "member id of who does it")
	fl.StringVar(&f.in.BackupID, "backup", "", "member id of the backup (default: the assignee's backup)")
	fl.StringVar(&f.in.Due, "due", "", "due day, YYYY-MM-DD in the workspace's time zone")
	fl.StringVar(&f.in.DueTime, "time", "", "due time, HH:MM (needs --due; none: any time that day)")
	fl.StringVar(&f.in.Status, "status", "", "todo, doing, blocked or done")
	fl.StringVar(&f.in.Priority, "priority", "", "low, normal, high or urgent")
	fl.Float64Var(&f.in.EstimateHours, "estimate", 0, "hours of work it takes (default 1)")
	fl.StringArrayVar(&f.in.PostIDs, "post", nil, "id of a linked post, repeatable")
	fl.StringVar(&f.in.CampaignID, "campaign", "", "id of the linked campaign")
	fl.StringVar(&f.in.MeetingID, "meeting", "", "id of the linked meeting")
	fl.StringArrayVar(&f.in.Checklist, "check", nil, "a checklist item, repeatable")
}

// patch returns the fields given on the command line.
func (f *taskFlags) patch(cmd *cobra.Command) tasks.Patch {
	var p tasks.Patch
	fl := cmd.Flags()
	str := map[string]**string{"title": &p.Title, "description": &p.Description, "assignee": &p.AssigneeID,
		"backup": &p.BackupID, "due": &p.Due, "time": &p.DueTime, "status": &p.Status, "priority": &p.Priority,
		"campaign": &p.CampaignID, "meeting": &p.MeetingID}
	vals := map[string]*string{"title": &f.in.Title, "description": &f.in.Description, "assignee": &f.in.AssigneeID,
		"backup": &f.in.BackupID, "due": &f.in.Due, "time": &f.in.DueTime, "status": &f.in.Status,
		"priority": &f.in.Priority, "campaign": &f.in.CampaignID, "meeting": &f.in.MeetingID}
	for name, dst := range str {
		if fl.Changed(name) {
			*dst = vals[name]
		}
	}
	if fl.Changed("estimate") {
		p.EstimateHours = &f.in.EstimateHours
	}
	if fl.Changed("post") {
		p.PostIDs = &f.in.PostIDs
	}
	return p
}

func taskAddCmd(e *env) *cobra.Command {
	f := &taskFlags{}
	cmd := &cobra.Command{
		Use:     "add",
		Short:   "Add a task",
		Example: "  postdeck task add --title 'Foto produk' --assignee 0193… --due 2027-03-10 --time 09:00 --check 'Sewa studio' --check 'Pilih model'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				t, err := ws.Tasks.Add(cmd.Context(), actor, f.in)
				if err != nil {
					return err
				}
				return e.printTask(cmd, t)
			})
		},
	}
	f.bind(cmd)
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func taskUpdateCmd(e *env) *cobra.Command {
	f := &taskFlags{}
	cmd := &cobra.Command{
		Use:     "update ID",
		Short:   "Change a task (only the fields given; --check adds items to its checklist)",
		Example: "  postdeck task update 0193… --status doing --due 2027-03-12",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				if _, err := ws.Tasks.Get(cmd.Context(), args[0]); err != nil {
					return err
				}
				t, err := ws.Tasks.Update(cmd.Context(), actor, args[0], f.patch(cmd))
				if err != nil {
					return err
				}
				for _, text := range f.in.Checklist {
					if _, err := ws.Tasks.AddItem(cmd.Context(), args[0], text); err != nil {
						return err
					}
				}
				if len(f.in.Checklist) > 0 {
					if t, err = ws.Tasks.Get(cmd.Context(), args[0]); err != nil {
						return err
					}
				}
				return e.printTask(cmd, t)
			})
		},
	}
	f.bind(cmd)
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func taskListCmd(e *env) *cobra.Command {
	var fl tasks.Filter
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List tasks, by due day",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				list, err := ws.Tasks.List(cmd.Context(), fl)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), list)
				}
				if len(list) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "No tasks match. Add one with: postdeck task add --title TITLE")
					return nil
				}
				names, err := memberNames(cmd, ws)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSTATUS\tDUE\tTIME\tASSIGNEE\tCHECKLIST\tTITLE")
				for _, t := range list {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Status, t.Due, t.DueTime, names[t.AssigneeID],
						progress(t), t.Title)
				}
				return tw.Flush()
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.AssigneeID, "assignee", "", "only this member's tasks")
	f.StringVar(&fl.Status, "status", "", "only tasks with this status: todo, doing, blocked, done")
	f.StringVar(&fl.DueBefore, "due-before", "", "only tasks due before this day (YYYY-MM-DD)")
	f.StringVar(&fl.DueFrom, "due-from", "", "only tasks due on or after this day (YYYY-MM-DD)")
	f.StringVar(&fl.CampaignID, "campaign", "", "only tasks linked to this campaign")
	f.StringVar(&fl.MeetingID, "meeting", "", "only tasks linked to this meeting")
	f.BoolVar(&fl.Open, "open", false, "leave out done tasks")
	addJSONFlag(cmd, e)
	return cmd
}

// taskDetail is a task with its history and comments, as `task show` prints it.
type taskDetail struct {
	tasks.Task
	History  []tasks.HistoryEntry `json:"history"`
	Comments []tasks.Comment      `json:"comments"`
}

func taskShowCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a task with its checklist, history and comments",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				t, err := ws.Tasks.Get(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				d := taskDetail{Task: t}
				if d.History, err = ws.Tasks.History(cmd.Context(), t.ID); err != nil {
					return err
				}
				if d.Comments, err = ws.Tasks.Comments(cmd.Context(), t.ID); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), d)
				}
				names, err := memberNames(cmd, ws)
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				fmt.Fprintf(out, "%s\n%s\n", t.Title, t.ID)
				fmt.Fprintf(out, "Status: %s   Priority: %s   Estimate: %g h\n", t.Status, t.Priority, t.EstimateHours)
				fmt.Fprintf(out, "Assignee: %s   Backup: %s\n", orDash(names[t.AssigneeID]), orDash(names[t.BackupID]))
				if t.Due != "" {
					fmt.Fprintf(out, "Due: %s %s\n", t.Due, t.DueTime)
				}
				if t.Description != "" {
					fmt.Fprintf(out, "\n%s\n", t.Description)
				}
				if len(t.Checklist) > 0 {
					fmt.Fprintln(out, "\nChecklist:")
					for i, it := range t.Checklist {
						mark := " "
						if it.Done {
							mark = "x"
						}
						fmt.Fprintf(out, "  %d. [%s] %s  (%s)\n", i+1, mark, it.Text, it.ID)
					}
				}
				if len(d.Comments) > 0 {
					fmt.Fprintln(out, "\nComments:")
					for _, c := range d.Comments {
						fmt.Fprintf(out, "  %s: %s\n", orDash(names[c.AuthorID]), c.Body)
					}
				}
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func taskCheckCmd(e *env) *cobra.Command {
	var undo bool
	cmd := &cobra.Command{
		Use:     "check ID ITEM",
		Short:   "Tick a checklist item (ITEM is its id or its number in 'task show')",
		Example: "  postdeck task check 0193… 2",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				t, err := ws.Tasks.Get(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				item := args[1]
				if n, err := strconv.Atoi(item); err == nil && n >= 1 && n <= len(t.Checklist) {
					item = t.Checklist[n-1].ID
				}
				if err := ws.Tasks.Check(cmd.Context(), actor, t.ID, item, !undo); err != nil {
					return err
				}
				if t, err = ws.Tasks.Get(cmd.Context(), t.ID); err != nil {
					return err
				}
				return e.printTask(cmd, t)
			})
		},
	}
	cmd.Flags().BoolVar(&undo, "undo", false, "untick the item instead")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func taskCommentCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "comment ID TEXT",
		Short: "Comment on a task",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				c, err := ws.Tasks.AddComment(cmd.Context(), actor, args[0], args[1])
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), c)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Commented on %s\n", args[0])
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func taskDeleteCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a task (kept in history; teammates' devices delete it too)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				if err := ws.Tasks.Delete(cmd.Context(), actor, args[0]); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"id": args[0], "deleted": true})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Deleted task %s\n", args[0])
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func (e *env) printTask(cmd *cobra.Command, t tasks.Task) error {
	if e.json {
		return printJSON(cmd.OutOrStdout(), t)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Status, strings.TrimSpace(t.Due+" "+t.DueTime), progress(t), t.Title)
	return nil
}

// progress is "2/5" for a checklist with five items, two ticked.
func progress(t tasks.Task) string {
	if len(t.Checklist) == 0 {
		return "-"
	}
	done := 0
	for _, it := range t.Checklist {
		if it.Done {
			done++
		}
	}
	return fmt.Sprintf("%d/%d", done, len(t.Checklist))
}

func memberNames(cmd *cobra.Command, ws *core.Workspace) (map[string]string, error) {
	members, err := ws.Team.Members(cmd.Context())
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	return names, nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
