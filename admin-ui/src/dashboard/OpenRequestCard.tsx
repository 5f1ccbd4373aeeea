import AddIcon from '@mui/icons-material/Add';
import { Card, CardActions, CardContent, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { useCommand } from '../requests/useCommand.ts';

export const OpenRequestCard = () => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  return (
    <Card component="section" aria-label={translate('my_request.title')}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('my_request.title')}
        </Typography>
        <Typography variant="body1">{translate('my_request.none')}</Typography>
      </CardContent>
      <CardActions>
        <Button
          label="my_request.open"
          variant="contained"
          disabled={pending}
          onClick={() => run((dataProvider) => dataProvider.openRequest({}), translate('requests.opened'))}
        >
          <AddIcon />
        </Button>
      </CardActions>
    </Card>
  );
};
