import { Button, Tooltip, type ButtonProps } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';

/**
 * GuardedButton is a button the person may not be allowed to use: with a
 * reason it looks disabled, does nothing when clicked and shows the reason on
 * hover (a disabled button gets no hover, hence data-disabled). The backend
 * still refuses the action itself; this only says why before the click.
 */
export function GuardedButton({
  reason,
  onClick,
  children,
  ...props
}: ButtonProps & { reason: string | null; onClick: (e: MouseEvent<HTMLButtonElement>) => void; children?: ReactNode; 'aria-label'?: string }) {
  return (
    <Tooltip label={reason} disabled={!reason} multiline w={260} withArrow>
      <Button
        {...props}
        data-disabled={reason ? true : undefined}
        aria-disabled={reason ? true : undefined}
        onClick={(e) => {
          if (reason) return e.preventDefault();
          onClick(e);
        }}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
