import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { httpClient } from './httpClient.ts';
import { updateBody } from './updateBody.ts';

const rest = simpleRestProvider('/api', httpClient);

export const dataProvider: DataProvider = {
  ...rest,
  update: (resource, params) =>
    rest.update(resource, { ...params, data: updateBody(resource, params.data, params.previousData) }),
};
