package cli

import (
	"github.com/spf13/cobra"

	"postdeck/backend/checker"
	"postdeck/backend/core"
)

// workspaceGuide returns the workspace's style guide as the checker reads it
// and what the check covers ("styleguide": the guide and the network's
// limits).
func workspaceGuide(cmd *cobra.Command, ws *core.Workspace) (checker.Guide, string, error) {
	g, err := ws.StyleGuide.Guide(cmd.Context())
	if err != nil {
		return checker.Guide{}, "", err
	}
	return g, "styleguide", nil
}
