package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
	"postdeck/backend/team"
)

func memberCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "member", Short: "Add, list, change and remove team members"}
	cmd.AddCommand(memberAddCmd(e), memberListCmd(e), memberUpdateCmd(e), memberDeleteCmd(e), memberRolesCmd(e))
	return cmd
}

// memberFlags binds the flags shared by add and update.
type memberFlags struct {
	in team.MemberInput
}

func (f *memberFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.in.Name, "name", "", "full name")
	fl.StringVar(&f.in.Email, "email", "", "email address")
	fl.StringSliceVar(&f.in.Roles, "role", nil, "role id, repeatable (see 'postdeck member roles'); e.g. content_creator")
	fl.StringSliceVar(&f.in.Networks, "network", nil, "network covered, repeatable: instagram, facebook, x, linkedin, tiktok, youtube, threads, pinterest, bluesky, mastodon, other")
	fl.Float64Var(&f.in.CapacityHours, "capacity", 0, "hours a week available for the team")
	fl.StringVar(&f.in.Color, "color", "", "colour as #rrggbb")
	fl.BoolVar(&f.in.Freelancer, "freelancer", false, "an outside contributor")
	fl.StringVar(&f.in.BackupID, "backup", "", "member id of this member's backup")
}

// patch returns the fields given on the command line.
func (f *memberFlags) patch(cmd *cobra.Command) team.MemberPatch {
	var p team.MemberPatch
	fl := cmd.Flags()
	if fl.Changed("name") {
		p.Name = &f.in.Name
	}
	if fl.Changed("email") {
		p.Email = &f.in.Email
	}
	if fl.Changed("role") {
		p.Roles = &f.in.Roles
	}
	if fl.Changed("network") {
		p.Networks = &f.in.Networks
	}
	if fl.Changed("capacity") {
		p.CapacityHours = &f.in.CapacityHours
	}
	if fl.Changed("color") {
		p.Color = &f.in.Color
	}
	if fl.Changed("freelancer") {
		p.Freelancer = &f.in.Freelancer
	}
	if fl.Changed("backup") {
		p.BackupID = &f.in.BackupID
	}
	return p
}

func memberAddCmd(e *env) *cobra.Command {
	f := &memberFlags{}
	cmd := &cobra.Command{
		Use:     "add",
		Short:   "Add a member",
		Example: "  postdeck member add --name Ana --role content_creator --network instagram --capacity 20",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				m, err := ws.Team.AddMember(cmd.Context(), actor, f.in)
				if err != nil {
					return err
				}
				return e.printMember(cmd, m)
			})
		},
	}
	f.bind(cmd)
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func memberUpdateCmd(e *env) *cobra.Command {
	f := &memberFlags{}
	cmd := &cobra.Command{
		Use:     "update ID",
		Short:   "Change a member (only the fields given)",
		Example: "  postdeck member update 0193… --capacity 30 --backup 0194…",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				m, err := ws.Team.UpdateMember(cmd.Context(), actor, args[0], f.patch(cmd))
				if err != nil {
					return err
				}
				return e.printMember(cmd, m)
			})
		},
	}
	f.bind(cmd)
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func memberDeleteCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Remove a member (kept in history; teammates' devices remove them too)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				if err := ws.Team.DeleteMember(cmd.Context(), actor, args[0]); err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]any{"id": args[0], "deleted": true})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Removed member %s\n", args[0])
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func memberListCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the team's members",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				members, err := ws.Team.Members(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), members)
				}
				if len(members) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "No members yet. Add one with: postdeck member add --name NAME --role ROLE")
					return nil
				}
				names := map[string]string{}
				for _, m := range members {
					names[m.ID] = m.Name
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tROLES\tNETWORKS\tHOURS\tBACKUP")
				for _, m := range members {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%g\t%s\n", m.ID, m.Name, strings.Join(m.Roles, ","),
						strings.Join(m.Networks, ","), m.CapacityHours, names[m.BackupID])
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func (e *env) printMember(cmd *cobra.Command, m team.Member) error {
	if e.json {
		return printJSON(cmd.OutOrStdout(), m)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\n", m.ID, m.Name, strings.Join(m.Roles, ","))
	return nil
}

func meCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "me", Short: "Say which member uses this device"}
	set := &cobra.Command{
		Use:   "set ID",
		Short: "This device belongs to member ID",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := ws.Workspace.SetMe(cmd.Context(), args[0]); err != nil {
					return err
				}
				m, err := ws.Team.Member(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), m)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "This device now belongs to %s\n", m.Name)
				return nil
			})
		},
	}
	addJSONFlag(set, e)
	cmd.AddCommand(set)
	return cmd
}

func memberRolesCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "roles",
		Short: "List the roles a member can have",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				roles, err := ws.Team.Roles(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), roles)
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tPERMISSIONS")
				for _, r := range roles {
					perms := make([]string, len(r.Permissions))
					for i, p := range r.Permissions {
						perms[i] = string(p)
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Name, strings.Join(perms, ","))
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}
