import { Button, Group, Popover, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * ConfirmDelete is a delete button that asks first: what it removes goes from
 * every teammate's calendar, so one stray click must not do it. It is the
 * app's own question for every action that cannot be taken back (never the
 * browser's window.confirm, which is untranslated and looks foreign): Enter
 * confirms (the confirm button has the focus), Escape or Cancel keeps things
 * as they are.
 *
 * target replaces the default red button: it gets the function that opens the
 * question and must return one element that can hold a ref (wrap components
 * that cannot, such as GuardedButton, in a span).
 */
export function ConfirmDelete({
  children,
  label,
  question,
  confirmLabel,
  confirmColor = 'red',
  onConfirm,
  target,
  ...button
}: {
  children?: ReactNode;
  label?: string;
  question: string;
  confirmLabel?: string;
  /** confirmColor is the confirm button's colour: red for what removes something, the theme's for the rest. */
  confirmColor?: string;
  onConfirm: () => Promise<void> | void;
  target?: (open: () => void) => ReactElement;
} & ButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const toggle = () => setOpen((o) => !o);
  return (
    // hideDetached off: the question stays on screen while it is asked, even
    // when its button sits in a table that scrolls.
    <Popover opened={open} onChange={setOpen} withArrow trapFocus returnFocus closeOnEscape hideDetached={false} position="top-start">
      <Popover.Target>
        {target ? (
          target(toggle)
        ) : (
          <Button variant="subtle" color="red" {...button} aria-label={label} onClick={toggle}>
            {children}
          </Button>
        )}
      </Popover.Target>
      {/* data-mantine-stop-propagation: Escape here closes the question only,
          not the drawer or modal it was asked from (they listen on the window). */}
      <Popover.Dropdown maw={320} role="alertdialog" aria-label={question} onClick={(e) => e.stopPropagation()} data-mantine-stop-propagation>
        <Text size="sm" mb="xs">
          {question}
        </Text>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={() => setOpen(false)} data-mantine-stop-propagation>
            {t('common.cancel')}
          </Button>
          <Button
            size="xs"
            color={confirmColor}
            data-autofocus
            data-mantine-stop-propagation
            onClick={async () => {
              setOpen(false);
              await onConfirm();
            }}
          >
            {confirmLabel ?? t('campaigns.yesDelete')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
