import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import { List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { translateRule } from './ruleMessages.ts';
import type { UnmetRule } from './types.ts';

export const RuleList = ({ rules }: { rules: UnmetRule[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (rules.length === 0) return null;
  return (
    <List dense disablePadding>
      {rules.map((rule) => (
        <ListItem key={`${rule.code}-${rule.params?.kind ?? ''}`} disableGutters>
          <ListItemIcon sx={{ minWidth: 32 }}>
            <InfoOutlinedIcon fontSize="small" color="warning" />
          </ListItemIcon>
          <ListItemText primary={translateRule(rule, translate, locale)} />
        </ListItem>
      ))}
    </List>
  );
};
