import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { Button, type Identifier, Link, useLocaleState, useTranslate } from 'react-admin';
import { fullName } from '../fullName.ts';
import { translateRules } from '../ruleMessages.ts';
import type { RequestSummary } from '../types.ts';
import type { BulkResult, RowProblem } from './types.ts';

interface BulkResultDialogProps {
  label: string;
  result: BulkResult;
  records: ReadonlyMap<Identifier, RequestSummary>;
  onClose: () => void;
}

/** What was done, and each refused request with the reason the API gave, in the words of the request's page. */
export const BulkResultDialog = ({ label, result, records, onClose }: BulkResultDialogProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const reason = (problem: RowProblem) =>
    problem.unmet?.length
      ? translateRules(problem.unmet, translate, locale)
      : translate(`problems.${problem.type.split('/').pop()}`, { _: problem.detail });
  const refused = result.results.flatMap((row) => (row.outcome === 'refused' ? [row] : []));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="bulk-result-title">
      <DialogTitle id="bulk-result-title">
        {translate('requests.bulk.result_title', { action: translate(label) })}
      </DialogTitle>
      <DialogContent>
        <Typography>
          {translate('requests.bulk.done', { smart_count: result.done, total: result.results.length })}
        </Typography>
        {refused.length > 0 && (
          <>
            <Typography sx={{ mt: 2 }}>
              {translate('requests.bulk.refused', { smart_count: refused.length })}
            </Typography>
            <List dense aria-label={translate('requests.bulk.refused_list')}>
              {refused.map(({ id, problem }) => {
                const record = records.get(id);
                return (
                  <ListItem key={id} disableGutters>
                    <ListItemText
                      primary={
                        record ? (
                          <Link to={`/requests/${encodeURIComponent(String(id))}/show`}>{fullName(record)}</Link>
                        ) : (
                          translate('requests.bulk.unknown_request')
                        )
                      }
                      secondary={reason(problem)}
                    />
                  </ListItem>
                );
              })}
            </List>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.close" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
};
