import { FormDataConsumer, TextInput } from 'react-admin';

export const GraduateIdInput = () => (
  <FormDataConsumer<{ role?: string }>>
    {({ formData }) =>
      formData.role === 'graduate' && <TextInput source="graduateId" helperText="resources.users.helpers.graduateId" />
    }
  </FormDataConsumer>
);
