import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../../shared/api/teamhealth';

/** HealthBadge counts the team-health checks that need attention (nothing when all are ok). */
export function HealthBadge() {
  const { t } = useTranslation();
  const report = useHealth();
  const n = report.data?.attention ?? 0;
  if (n === 0) return null;
  const problem = report.data?.checks.some((c) => c.state === 'problem');
  return (
    <Badge size="sm" circle color={problem ? 'red' : 'orange'} data-testid="health-badge" aria-label={t('health.badge', { count: n })}>
      {n}
    </Badge>
  );
}
