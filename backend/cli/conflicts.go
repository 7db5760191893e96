package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/replica"
)

// conflictSide is one of the two values of a conflict.
type conflictSide struct {
	Value  json.RawMessage `json:"value"`
	Device string          `json:"device"`
	Clock  int64           `json:"clock"`
	At     string          `json:"at"`
	// Mine is true when this device wrote the value.
	Mine bool `json:"mine"`
}

// conflictJSON is one open conflict as 'sync conflicts --json' prints it.
type conflictJSON struct {
	ID         string       `json:"id"`
	Entity     string       `json:"entity"`
	RowID      string       `json:"rowId"`
	Field      string       `json:"field"`
	DetectedAt string       `json:"detectedAt"`
	Current    conflictSide `json:"current"`
	Other      conflictSide `json:"other"`
}

func side(v json.RawMessage, c replica.Clock, me string) conflictSide {
	return conflictSide{Value: v, Device: c.Device, Clock: c.HLC, At: stamp(replica.Millis(c.HLC)), Mine: c.Device == me}
}

func stamp(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339)
}

func conflictList(cmd *cobra.Command, ws *core.Workspace) ([]conflictJSON, error) {
	views, err := ws.Replica.ConflictViews(cmd.Context())
	if err != nil {
		return nil, err
	}
	me := ws.Replica.Device()
	out := make([]conflictJSON, 0, len(views))
	for _, v := range views {
		out = append(out, conflictJSON{ID: v.ID, Entity: v.Entity, RowID: v.RowID, Field: v.Field, DetectedAt: stamp(v.DetectedAt),
			Current: side(v.Current, v.CurrentClock, me), Other: side(v.Value, v.Clock, me)})
	}
	return out, nil
}

func syncConflictsCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "conflicts",
		Short: "List the concurrent edits that wait for a person to choose (the Sync page's conflicts)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				list, err := conflictList(cmd, ws)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), list)
				}
				if len(list) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "No conflicts.")
					return nil
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tWHAT\tCURRENT (shown now)\tOTHER")
				for _, c := range list {
					fmt.Fprintf(tw, "%s\t%s %s %s\t%s\t%s\n", c.ID, c.Entity, c.RowID, c.Field, describeSide(c.Current), describeSide(c.Other))
				}
				return tw.Flush()
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

// describeSide renders a value as one line of text, with who wrote it.
func describeSide(s conflictSide) string {
	var v any
	text := string(s.Value)
	if json.Unmarshal(s.Value, &v) == nil {
		if str, ok := v.(string); ok {
			text = str
		}
	}
	text = strings.ReplaceAll(text, "\n", " / ")
	if r := []rune(text); len(r) > 40 {
		text = string(r[:37]) + "..."
	}
	who := "device " + shortID(s.Device)
	if s.Mine {
		who = "this device"
	}
	return fmt.Sprintf("%q (%s, %s)", text, who, s.At)
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// choice turns --keep into the resolution the Sync page makes: mine and
// theirs pick by the device that wrote each value, current and other by
// what this device shows, and anything else is the value to keep.
func choice(c conflictJSON, keep string) (replica.Resolution, error) {
	pick := func(current bool) replica.Resolution {
		if current {
			return replica.Resolution{Keep: replica.KeepCurrent}
		}
		return replica.Resolution{Keep: replica.KeepOther}
	}
	switch keep {
	case "":
		return replica.Resolution{}, apperr.New("conflict.keep_invalid", "say which version to keep with --keep mine|theirs|current|other|TEXT")
	case "current", "other":
		return pick(keep == "current"), nil
	case "mine":
		// This device's value; when neither side is from this device,
		// the value it shows now.
		return pick(!c.Other.Mine), nil
	case "theirs":
		return pick(c.Other.Mine), nil
	}
	var cur any
	if json.Unmarshal(c.Current.Value, &cur) == nil {
		if _, text := cur.(string); text || cur == nil {
			v, _ := json.Marshal(keep)
			return replica.Resolution{Keep: replica.KeepValue, Value: v}, nil
		}
	}
	// Not a text field: the value must be JSON of the field's kind.
	if !json.Valid([]byte(keep)) {
		return replica.Resolution{}, apperr.New("conflict.value_invalid", "this field is not text: give the value as JSON, or keep mine or theirs")
	}
	return replica.Resolution{Keep: replica.KeepValue, Value: json.RawMessage(keep)}, nil
}

func syncResolveCmd(e *env) *cobra.Command {
	var keep string
	cmd := &cobra.Command{
		Use:   "resolve ID --keep mine|theirs|current|other|TEXT",
		Short: "Resolve a conflict (see 'sync conflicts'); the choice reaches teammates at the next sync",
		Long: "Resolve a conflict the way the Sync page does. --keep mine keeps the value written on this device,\n" +
			"theirs the other device's; current keeps the value shown now and other the one that lost; any other\n" +
			"text is kept as the field's new value. The resolution syncs to every device.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				list, err := conflictList(cmd, ws)
				if err != nil {
					return err
				}
				var found *conflictJSON
				for i := range list {
					if list[i].ID == args[0] {
						found = &list[i]
					}
				}
				if found == nil {
					return apperr.New("conflict.not_found", "this conflict no longer exists").With("id", args[0])
				}
				res, err := choice(*found, keep)
				if err != nil {
					return err
				}
				by, err := e.actor(cmd, ws)
				if err != nil {
					return err
				}
				if err := ws.Replica.Resolve(cmd.Context(), found.ID, res, by); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), "Conflict resolved. Teammates get it at their next sync.")
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&keep, "keep", "", "mine, theirs, current, other, or the text to keep")
	addAsFlag(cmd, e)
	return cmd
}
