package cli

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
)

func campaignUpdateCmd(e *env) *cobra.Command {
	var given calendar.CampaignInput
	cmd := &cobra.Command{
		Use:     "update ID",
		Short:   "Change a campaign or promotion (only the fields given)",
		Example: "  postdeck campaign update 0192... --to 2027-03-25 --goal \"500 new followers\"",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				cs, err := ws.Calendar.Campaigns(cmd.Context())
				if err != nil {
					return err
				}
				i := slices.IndexFunc(cs, func(c calendar.Campaign) bool { return c.ID == args[0] })
				if i < 0 {
					return apperr.New(apperr.CodeNotFound, "no such campaign").With("id", args[0])
				}
				cur := cs[i]
				in := calendar.CampaignInput{Name: cur.Name, Kind: cur.Kind, Goal: cur.Goal, Description: cur.Description,
					StartsOn: cur.StartsOn, EndsOn: cur.EndsOn, Color: cur.Color}
				fl := cmd.Flags()
				for name, apply := range map[string]func(){
					"name": func() { in.Name = given.Name }, "kind": func() { in.Kind = given.Kind },
					"goal": func() { in.Goal = given.Goal }, "description": func() { in.Description = given.Description },
					"from": func() { in.StartsOn = given.StartsOn }, "to": func() { in.EndsOn = given.EndsOn },
					"color": func() { in.Color = given.Color },
				} {
					if fl.Changed(name) {
						apply()
					}
				}
				if err := ws.Calendar.UpdateCampaign(cmd.Context(), args[0], in); err != nil {
					return err
				}
				cs, err = ws.Calendar.Campaigns(cmd.Context())
				if err != nil {
					return err
				}
				c := cs[slices.IndexFunc(cs, func(c calendar.Campaign) bool { return c.ID == args[0] })]
				if e.json {
					return printJSON(cmd.OutOrStdout(), c)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s..%s\n", c.ID, c.Name, c.StartsOn, c.EndsOn)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&given.Name, "name", "", "name")
	cmd.Flags().StringVar(&given.Kind, "kind", "", "campaign or promotion")
	cmd.Flags().StringVar(&given.Goal, "goal", "", "what it should achieve")
	cmd.Flags().StringVar(&given.Description, "description", "", "a longer description")
	cmd.Flags().StringVar(&given.StartsOn, "from", "", "first day, YYYY-MM-DD")
	cmd.Flags().StringVar(&given.EndsOn, "to", "", "last day, YYYY-MM-DD")
	cmd.Flags().StringVar(&given.Color, "color", "", "colour as #rrggbb")
	addJSONFlag(cmd, e)
	return cmd
}

func campaignCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "campaign", Short: "Campaigns and promotions over the year"}
	var in calendar.CampaignInput
	add := &cobra.Command{
		Use:     "add",
		Short:   "Add a campaign or promotion",
		Example: "  postdeck campaign add --name Ramadan --kind promotion --from 2027-02-17 --to 2027-03-19",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				c, err := ws.Calendar.AddCampaign(cmd.Context(), in)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), c)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s..%s\n", c.ID, c.Name, c.StartsOn, c.EndsOn)
				return nil
			})
		},
	}
	add.Flags().StringVar(&in.Name, "name", "", "name")
	add.Flags().StringVar(&in.Kind, "kind", "campaign", "campaign or promotion")
	add.Flags().StringVar(&in.Goal, "goal", "", "what it should achieve")
	add.Flags().StringVar(&in.StartsOn, "from", "", "first day, YYYY-MM-DD")
	add.Flags().StringVar(&in.EndsOn, "to", "", "last day, YYYY-MM-DD")
	add.Flags().StringVar(&in.Color, "color", "", "colour as #rrggbb")
	addJSONFlag(add, e)
	list := &cobra.Command{
		Use:   "list",
		Short: "List campaigns",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				cs, err := ws.Calendar.Campaigns(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), cs)
				}
				for _, c := range cs {
					fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\t%s..%s\n", c.ID, c.Kind, c.Name, c.StartsOn, c.EndsOn)
				}
				return nil
			})
		},
	}
	addJSONFlag(list, e)
	cmd.AddCommand(add, list, campaignUpdateCmd(e))
	return cmd
}
