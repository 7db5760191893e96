import { Alert, createTheme, InputWrapper, Notification } from '@mantine/core';

// Error messages put technical detail on a line of its own (errorMessage in
// src/i18n): alerts, notifications and field errors keep that line break.
const keepLines = { whiteSpace: 'pre-line' } as const;

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, "Noto Sans", "Segoe UI", system-ui, sans-serif',
  components: {
    Alert: Alert.extend({ styles: { message: keepLines } }),
    Notification: Notification.extend({ styles: { description: keepLines } }),
    InputWrapper: InputWrapper.extend({ styles: { error: keepLines } }),
  },
});
