package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/templates"
)

// TemplateSummary is one line of template list --json (docs/CLI.md).
type TemplateSummary struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Lang    string `json:"lang"`
	BuiltIn string `json:"builtIn"`
}

func templateCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "template", Short: "Post templates, snippets, hashtag groups, plans, playbooks and agendas"}
	cmd.AddCommand(templateListCmd(e), templateShowCmd(e))
	return cmd
}

func templateListCmd(e *env) *cobra.Command {
	var kind string
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List templates, of one kind or all",
		Example: "  postdeck template list --kind post --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				list, err := ws.Templates.List(cmd.Context(), kind)
				if err != nil {
					return err
				}
				out := make([]TemplateSummary, 0, len(list))
				for _, t := range list {
					out = append(out, TemplateSummary{ID: t.ID, Kind: t.Kind, Name: t.Name, Lang: t.Lang, BuiltIn: t.BuiltIn})
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), out)
				}
				if len(out) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "No templates of this kind yet. Make one in the window's Templates page.")
				}
				for _, t := range out {
					fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\t%s\n", t.ID, t.Kind, t.Lang, t.Name)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "", "post, snippet, hashtags, plan, playbook or agenda (default: all)")
	addJSONFlag(cmd, e)
	return cmd
}

func templateShowCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a template with its text, details and placeholders",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				t, err := ws.Templates.Get(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), t)
				}
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "%s (%s, %s)\n\n%s\n", t.Name, t.Kind, t.Lang, t.Body)
				if t.Kind == templates.KindPost {
					d := templates.PostDataOf(t)
					for nw, text := range d.Variants {
						fmt.Fprintf(w, "\n[%s]\n%s\n", nw, text)
					}
					names, _ := templates.Placeholders(t.Body + " " + d.Title)
					if len(names) > 0 {
						fmt.Fprintf(w, "\nPlaceholders (fill with --set KEY=VALUE): %s\n", strings.Join(names, ", "))
					}
				}
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

// templateFlags are post add's flags for a post from a template.
type templateFlags struct {
	id   string
	sets []string
}

func (f *templateFlags) bind(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.id, "template", "", "make the post from this post template (see 'postdeck template list --kind post')")
	cmd.Flags().StringArrayVar(&f.sets, "set", nil, "KEY=VALUE: a placeholder's value for --template, repeatable")
}

// addFromTemplate is post add --template: the template's text with the
// --set values, on the --channel channels (default: the template's), with
// --owner, --approver, --rating and extra --label as given.
func (f *templateFlags) add(cmd *cobra.Command, e *env, pf *postFlags) error {
	fl := cmd.Flags()
	for _, name := range []string{"title", "text", "variant", "repeat"} {
		if fl.Changed(name) {
			return apperr.New("cli.template_and_text", "--template brings its own title and text: leave out --"+name).With("flag", "--"+name)
		}
	}
	values := map[string]string{}
	for _, s := range f.sets {
		k, v, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return apperr.New("cli.set_invalid", "--set takes KEY=VALUE").With("value", s)
		}
		values[strings.TrimSpace(k)] = v
	}
	return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
		p, err := ws.Templates.Preview(cmd.Context(), f.id, templates.FromTemplate{Values: values, Channels: pf.in.Channels,
			Date: pf.in.Date, Time: pf.in.Time, CampaignID: pf.in.CampaignID})
		if err != nil {
			return err
		}
		in := p.Input
		in.OwnerID, in.ApproverID, in.Rating = pf.in.OwnerID, pf.in.ApproverID, pf.in.Rating
		in.Labels = append(append([]string{}, in.Labels...), pf.in.Labels...)
		post, err := ws.Calendar.AddPost(cmd.Context(), actor, in)
		if err != nil {
			return err
		}
		noteSkippedTime(cmd, ws, in.Time, post)
		return e.printPost(cmd, post)
	})
}
