package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/i18n"
	"postdeck/backend/styleguide"
)

// inLanguage says a refusal in this device's language, with the window's
// words from the same locale files, keeping its code (scripts match on it).
func inLanguage(ctx context.Context, ws *core.Workspace, err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code == apperr.CodeInternal {
		return err
	}
	info, ierr := ws.Workspace.Info(ctx)
	if ierr != nil {
		return err
	}
	key := "errors." + ae.Code
	if _, ok := i18n.Lookup(info.Language, key); !ok {
		return err
	}
	out := *ae
	out.Message = i18n.T(info.Language, key, ae.Params)
	return &out
}

func styleguideCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "styleguide", Short: "The team's style guide: show, export, import"}
	cmd.AddCommand(styleguideShowCmd(e), styleguideExportCmd(e), styleguideImportCmd(e), styleguideClearExampleCmd(e))
	return cmd
}

func styleguideShowCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Print the style guide, section by section",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				g, err := ws.StyleGuide.Show(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), g)
				}
				printGuide(cmd.OutOrStdout(), g)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

// printGuide prints one line per entry: its id, then its fields.
func printGuide(w io.Writer, g styleguide.Guide) {
	for _, s := range g.Sections {
		fmt.Fprintf(w, "%s (%d)\n", s.Section, len(s.Entries))
		for _, en := range s.Entries {
			var parts []string
			add := func(k, v string) {
				if v != "" {
					parts = append(parts, k+"="+v)
				}
			}
			add("kind", en.Kind)
			add("text", en.Text)
			add("variants", strings.Join(en.Variants, ", "))
			add("network", en.Network)
			add("channel", en.ChannelID)
			add("campaign", en.CampaignID)
			add("tone", en.Tone)
			add("rating", en.Rating)
			add("replacement", en.Replacement)
			add("severity", en.Severity)
			add("mode", en.Mode)
			if en.Max > 0 {
				add("max", fmt.Sprint(en.Max))
			}
			add("color", en.Color)
			add("label", en.Label)
			add("file", en.FileName)
			add("reason", en.Reason)
			add("guidance", en.Guidance)
			if en.Example {
				parts = append(parts, "(example)")
			}
			fmt.Fprintf(w, "  %s  %s\n", en.ID, strings.Join(parts, "  "))
		}
	}
}

func styleguideExportCmd(e *env) *cobra.Command {
	var format, out, lang string
	cmd := &cobra.Command{
		Use:   "export --format md|html|json --out FILE",
		Short: "Write the style guide as Markdown, one HTML page, or JSON for `styleguide import`",
		Example: "  postdeck styleguide export --format html --out guide.html --lang id\n" +
			"  postdeck styleguide export --format json --out guide.json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return apperr.Invalid("export.out_required", "out", "say where to write the file with --out FILE (- for standard output)")
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				if lang == "" {
					info, err := ws.Workspace.Info(cmd.Context())
					if err != nil {
						return err
					}
					lang = info.Language
				}
				data, err := ws.StyleGuide.Export(cmd.Context(), format, lang)
				if err != nil {
					return inLanguage(cmd.Context(), ws, err)
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
	cmd.Flags().StringVar(&format, "format", "md", "md, html or json")
	cmd.Flags().StringVar(&out, "out", "", "the file to write (- for standard output)")
	cmd.Flags().StringVar(&lang, "lang", "", "language of headings and labels: en or id (default: this device's)")
	addJSONFlag(cmd, e)
	return cmd
}

func styleguideImportCmd(e *env) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Replace the sections a JSON export holds with its entries, all or nothing",
		Long: "Reads a file written by `styleguide export --format json`. Each section in the file replaces that\n" +
			"section of the guide: entries are added, changed or removed to match. Sections the file leaves out\n" +
			"stay as they are. A file with an unknown section or field, or a bad value, changes nothing.",
		Example: "  postdeck styleguide import guide.json --dry-run\n  postdeck styleguide import guide.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				res, err := ws.StyleGuide.ImportFile(cmd.Context(), actor, args[0], dryRun)
				if err != nil {
					return inLanguage(cmd.Context(), ws, err)
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), res)
				}
				w := cmd.OutOrStdout()
				verb := "imported"
				if dryRun {
					verb = "would import (dry run, nothing written)"
				}
				fmt.Fprintf(w, "%s: %d added, %d changed, %d removed\n", verb, res.Added, res.Changed, res.Removed)
				for _, s := range res.Sections {
					if s.Added+s.Changed+s.Removed > 0 {
						fmt.Fprintf(w, "  %-12s %d added, %d changed, %d removed\n", s.Section, s.Added, s.Changed, s.Removed)
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "say what would change and write nothing")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func styleguideClearExampleCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "clear-example",
		Short: "Remove the example guide's entries nobody edited",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				n, err := ws.StyleGuide.ClearExample(cmd.Context(), actor)
				if err != nil {
					return inLanguage(cmd.Context(), ws, err)
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), map[string]int{"removed": n})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "removed %d example entries\n", n)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}
