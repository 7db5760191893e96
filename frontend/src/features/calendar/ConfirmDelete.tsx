import { Button, Group, Popover, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * ConfirmDelete is a delete button that asks first: what it removes goes from
 * every teammate's calendar, so one stray click must not do it.
 */
export function ConfirmDelete({
  children,
  label,
  question,
  confirmLabel,
  onConfirm,
  ...button
}: { children: ReactNode; label?: string; question: string; confirmLabel?: string; onConfirm: () => Promise<void> | void } & ButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Popover opened={open} onChange={setOpen} withArrow trapFocus position="top-start">
      <Popover.Target>
        <Button variant="subtle" color="red" {...button} aria-label={label} onClick={() => setOpen((o) => !o)}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={320} role="alertdialog" aria-label={question}>
        <Text size="sm" mb="xs">
          {question}
        </Text>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            size="xs"
            color="red"
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
