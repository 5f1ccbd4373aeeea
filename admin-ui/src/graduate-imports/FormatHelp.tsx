import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The portal's header names, as the accepted columns are listed to people (the import reads English ones too). */
const PORTAL_COLUMNS =
  'شماره دانشجویی، کد ملی، نام، نام خانوادگی، نام پدر، تاریخ تولد، جنسیت، مقطع، دانشکده، رشته، بورسیه';
const ENGLISH_COLUMNS =
  'Student number, National ID, First name, Last name, Father’s name, Date of birth, Gender, Degree, Faculty, Program, Scholarship';

export const FormatHelp = () => {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby="import-format-title">
      <Typography id="import-format-title" variant="subtitle2" component="h3">
        {translate('graduate_imports.format.title')}
      </Typography>
      <Box component="ul" sx={{ mt: 0.5, mb: 0, paddingInlineStart: 3 }}>
        {(['encoding', 'header', 'optional', 'values'] as const).map((key) => (
          <Typography key={key} component="li" variant="body2" color="text.secondary">
            {translate(`graduate_imports.format.${key}`, { columns: `${PORTAL_COLUMNS} (${ENGLISH_COLUMNS})` })}
          </Typography>
        ))}
      </Box>
    </Box>
  );
};
