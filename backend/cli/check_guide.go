package cli

import (
	"github.com/spf13/cobra"

	"postdeck/backend/checker"
	"postdeck/backend/core"
)

// workspaceGuide returns the style guide 'postdeck check' checks against and
// what it is ("limits" or "styleguide"). The workspace's style guide is not
// stored yet, so the check covers the network's limits only.
func workspaceGuide(_ *cobra.Command, _ *core.Workspace) (checker.Guide, string, error) {
	return checker.Guide{}, "limits", nil
}
