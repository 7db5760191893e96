package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/checker"
	"postdeck/backend/core"
	"postdeck/backend/i18n"
	"postdeck/backend/networks"
)

// ExitFindings is the exit code of 'postdeck check' when the text has
// error findings: the check ran, and the text is not ready to go out.
const ExitFindings = 3

// maxCheckBytes bounds the text 'postdeck check' reads: far above any
// network's limit, low enough that a wrong file is refused at once.
const maxCheckBytes = 1 << 20

// exitCode ends a command with a code of its own after it printed its result.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit code %d", int(c)) }

// CheckFinding is one finding as 'postdeck check --json' prints it: the
// checker's fields plus the message in the chosen language and where the
// span starts as line and column (both from 1, columns in characters).
type CheckFinding struct {
	checker.Finding
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

// CheckReport is what 'postdeck check --json' prints.
type CheckReport struct {
	File      string `json:"file"`
	Network   string `json:"network"`
	ChannelID string `json:"channelId"`
	// Count is the text's length as the network counts it, Limit the most it
	// accepts (0: none known) and Counting how it counts.
	Count    int    `json:"count"`
	Limit    int    `json:"limit"`
	Counting string `json:"counting"`
	// Guide says what the text was checked against: "styleguide" (the
	// workspace's style guide and the network's limits).
	Guide    string         `json:"guide"`
	Findings []CheckFinding `json:"findings"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Infos    int            `json:"infos"`
}

func checkCmd(e *env) *cobra.Command {
	var network, channel, campaign, rating, lang string
	var labels []string
	cmd := &cobra.Command{
		Use:   "check [--network N | --channel ID] [--campaign ID] [--label L]... [--rating R] [--lang en|id] [--json] FILE|-",
		Short: "Check a draft against the style guide and the network's limits; exit code 3 when it has errors",
		Long: "Checks a post's text as the editor and the approval gate do: the style guide (names, terms, banned\n" +
			"phrases, hashtags, emoji, rating, disclosures) and the length as the network counts it (X weighs\n" +
			"CJK and emoji double and every link as 23), hashtags and topic tags.\n" +
			"Prints each finding with its line and column; exit code 0 when there are no errors, 3 when there are.",
		Example: "  postdeck check --network x draft.txt\n  echo 'Halo Sobat Kopi' | postdeck check --channel ID --label paid --json -",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if network != "" && channel != "" {
				return apperr.Invalid("check.network_and_channel", "network", "give --network or --channel, not both")
			}
			if network == "" && channel == "" {
				return apperr.Invalid("check.network_required", "network", "say which network the text is for: --network or --channel")
			}
			if network != "" {
				if _, ok := networks.Get(network); !ok {
					return apperr.Invalid("check.network_unknown", "network", "unknown network").With("network", network)
				}
			}
			if lang != "" && !slices.Contains(i18n.Languages, lang) {
				return apperr.Invalid("settings.language_unknown", "language", "unknown language").With("language", lang)
			}
			text, err := readCheckInput(cmd.InOrStdin(), args[0])
			if err != nil {
				return err
			}
			var rep CheckReport
			err = e.withWorkspace(func(ws *core.Workspace) error {
				ctx := cmd.Context()
				if channel != "" {
					chans, err := ws.Calendar.Channels(ctx)
					if err != nil {
						return err
					}
					i := slices.IndexFunc(chans, func(c calendar.Channel) bool { return c.ID == channel })
					if i < 0 {
						return apperr.Invalid("check.channel_unknown", "channel", "no channel has this id").With("channel", channel)
					}
					network = chans[i].Network
				}
				if lang == "" {
					info, err := ws.Workspace.Info(ctx)
					if err != nil {
						return err
					}
					lang = info.Language
				}
				limits, err := ws.Workspace.EffectiveLimits(ctx)
				if err != nil {
					return err
				}
				g, guideKind, err := workspaceGuide(cmd, ws)
				if err != nil {
					return err
				}
				c, err := checker.Compile(g, limits)
				if err != nil {
					return err
				}
				in := checker.Input{Text: text, Network: network, ChannelID: channel, CampaignID: campaign, Rating: rating, Labels: labels}
				rep = report(args[0], in, c.Check(in), limits, guideKind, lang)
				return nil
			})
			if err != nil {
				return err
			}
			if e.json {
				err = printJSON(cmd.OutOrStdout(), rep)
			} else {
				printCheck(cmd.OutOrStdout(), rep, lang)
			}
			if err != nil {
				return err
			}
			if rep.Errors > 0 {
				return exitCode(ExitFindings)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&network, "network", "", "the network the text is for (x, instagram, linkedin, …)")
	cmd.Flags().StringVar(&channel, "channel", "", "the channel the text is for (its network, its rating ceiling and hashtags)")
	cmd.Flags().StringVar(&campaign, "campaign", "", "the post's campaign (its required hashtags)")
	cmd.Flags().StringArrayVar(&labels, "label", nil, "a label of the post, such as paid or partnership (repeatable)")
	cmd.Flags().StringVar(&rating, "rating", "", "the post's content rating: G, PG, PG-13")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the messages: en or id (default: this device's language)")
	addJSONFlag(cmd, e)
	return cmd
}

// readCheckInput reads the text to check, "-" for standard input. Text is
// UTF-8; a file over 1 MB is not a post and is refused.
func readCheckInput(stdin io.Reader, name string) (string, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", apperr.Invalid("check.file_unreadable", "file", "the file cannot be opened").With("path", name).WithCause(err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCheckBytes+1))
	if err != nil {
		return "", apperr.Invalid("check.file_unreadable", "file", "the file cannot be read").With("path", name).WithCause(err)
	}
	if len(data) > maxCheckBytes {
		return "", apperr.Invalid("check.too_large", "file", "the text is over 1 MB").With("path", name).With("max", "1 MB")
	}
	if !utf8.Valid(data) {
		return "", apperr.Invalid("check.not_text", "file", "the file is not UTF-8 text").With("path", name)
	}
	return strings.TrimSuffix(string(data), "\n"), nil
}

func report(file string, in checker.Input, fs []checker.Finding, limits []networks.Limit, guide, lang string) CheckReport {
	rep := CheckReport{File: file, Network: in.Network, ChannelID: in.ChannelID, Guide: guide, Findings: []CheckFinding{}}
	if l, ok := networks.LimitFor(limits, in.Network); ok {
		rep.Limit, rep.Counting = l.MaxChars, l.Counting
	}
	rep.Count = networks.Count(in.Text, rep.Counting)
	for _, f := range fs {
		line, col := lineColumn(in.Text, f.Start)
		rep.Findings = append(rep.Findings, CheckFinding{Finding: f, Message: i18n.T(lang, "checks."+f.Code, f.Params), Line: line, Column: col})
		switch f.Severity {
		case checker.SeverityError:
			rep.Errors++
		case checker.SeverityWarning:
			rep.Warnings++
		default:
			rep.Infos++
		}
	}
	return rep
}

// lineColumn turns a byte offset into a line and a column in characters,
// both from 1, as editors show them.
func lineColumn(text string, off int) (line, col int) {
	before := text[:off]
	line = strings.Count(before, "\n") + 1
	col = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

func printCheck(w io.Writer, rep CheckReport, lang string) {
	name := rep.File
	if name == "-" {
		name = "stdin"
	}
	for _, f := range rep.Findings {
		msg := f.Message
		if r, _ := f.Params["reason"].(string); r != "" {
			msg += " " + i18n.T(lang, "checks.reason", map[string]any{"reason": r})
		}
		if f.Fix != nil {
			if f.Fix.Replacement == "" {
				msg += " → " + i18n.T(lang, "checks.fixRemove", nil)
			} else {
				msg += " → " + i18n.T(lang, "checks.fix", map[string]any{"replacement": strings.TrimSpace(f.Fix.Replacement)})
			}
		}
		sev := i18n.T(lang, "checks.severity_"+string(f.Severity), nil)
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", name, f.Line, f.Column, sev, msg, f.Rule)
	}
	if rep.Limit > 0 {
		net := rep.Network
		if n, ok := networks.Get(net); ok {
			net = n.Name
		}
		fmt.Fprintln(w, i18n.T(lang, "checks.count", map[string]any{"count": rep.Count, "limit": rep.Limit, "network": net}))
	}
	if len(rep.Findings) == 0 {
		fmt.Fprintln(w, i18n.T(lang, "checks.none", nil))
	} else {
		fmt.Fprintln(w, i18n.T(lang, "checks.summary", map[string]any{"errors": rep.Errors, "warnings": rep.Warnings, "infos": rep.Infos}))
	}
}
