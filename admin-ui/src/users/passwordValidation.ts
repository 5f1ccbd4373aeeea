import { maxLength, minLength, required } from 'react-admin';

/** The password policy's length rules as the forms check them (the API checks the whole policy). */
export const passwordValidation = [required(), minLength(10), maxLength(128)];
