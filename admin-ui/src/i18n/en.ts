export const en = {
  app: {
    name: 'Diploma Desk',
    subtitle: "Issuing diplomas to full-time master's and PhD graduates",
    back_office: 'University staff back office',
    language: 'Language',
  },
  auth: {
    invalid_credentials: 'Wrong username or password.',
    too_many_attempts: 'Too many attempts. Please try again later.',
  },
  errors: {
    network: 'The server could not be reached. Check your connection and try again.',
  },
  problems: {
    'validation-error': 'Some fields are not valid. Check them and try again.',
    unauthorized: 'Your session has ended. Please log in again.',
    'invalid-credentials': 'The username or password is incorrect.',
    forbidden: 'You are not allowed to do this.',
    'csrf-rejected': 'This request did not come from the application and was refused.',
    'not-found': 'It was not found, or you may not see it.',
    'stale-version': 'Someone else changed this record in the meantime. Reload it and try again.',
    'username-taken': 'That username is already in use.',
    'too-many-attempts': 'Too many attempts. Please wait a little and try again.',
    'service-unavailable': 'The database is not answering. Try again in a few seconds.',
    'internal-error': 'Something went wrong on our side. It has been logged.',
    'payload-too-large': 'The file or request is too large.',
    'unsupported-media-type': 'This type of file is not accepted.',
  },
  validation: {
    required: 'Required',
    minLength: 'Too short',
    maxLength: 'Too long',
    pattern: 'Not in the expected form',
    format: 'Not in the expected form',
    unique: 'Already in use',
    forbidden_field: 'Must be empty here',
    password_too_short: 'At least 10 characters',
    password_too_long: 'At most 128 characters',
    password_common: 'Too common; choose another password',
    password_contains_username: 'Must not contain the username',
  },
  roles: {
    admin: 'System administrator',
    graduate_officer: 'Graduate Office officer',
    free_education_officer: 'Free-Education officer',
    welfare_officer: 'Welfare Services officer',
    auditor: 'Internal auditor',
    graduate: 'Graduate',
  },
  offices: {
    admin: 'IT',
    graduate_officer: 'Graduate Office',
    free_education_officer: 'Free-Education Office (cancellation of commitment)',
    welfare_officer: 'Student Welfare Services Office',
    auditor: 'Internal audit',
    graduate: 'Graduate',
  },
  duties: {
    admin:
      'You manage staff and graduate accounts and their roles. You take no part in any case, so duties stay separate.',
    graduate_officer:
      'You review diploma requests and their documents, check personal details, return a request with the next action the graduate must take, advance it through its stages, issue the diploma and record its delivery.',
    free_education_officer:
      "You run each graduate's cancellation-of-commitment case: check the SAORG documents, see originals in person, record the route, tracking code and payment, then set or revoke the cancellation tick.",
    welfare_officer:
      'You record whether a graduate owes the Student Welfare Fund and its settlement, then set or revoke the welfare-clearance tick.',
    auditor:
      'You read everything and change nothing: you review and export the audit log and verify that it has not been tampered with.',
    graduate:
      'You follow your diploma request, its stages and the next actions asked of you, upload your documents, confirm your personal details and give final confirmation.',
  },
  dashboard: {
    greeting: 'Hello, %{name}',
    office: '%{role} — %{office}',
    today: 'Today: %{date}',
    your_part: 'Your part in the process',
    manage_accounts: 'Manage accounts',
  },
  resources: {
    users: {
      name: 'Account |||| Accounts',
      fields: {
        id: 'ID',
        username: 'Username',
        displayName: 'Display name',
        role: 'Role',
        active: 'Active',
        graduateId: 'Graduate record ID',
        password: 'Password',
        createdAt: 'Created',
        updatedAt: 'Last changed',
        passwordChangedAt: 'Password last changed',
      },
      status: {
        active: 'Active',
        inactive: 'Deactivated',
      },
      helpers: {
        password: 'At least 10 characters; not a common password and not containing the username.',
        active:
          'Turning this off deactivates the account and ends all of its sessions at once. It can be reactivated later.',
        graduateId: "The graduate's record in this system (optional).",
        username: 'Used to sign in; it cannot be changed later.',
      },
      edit_title: 'Account: %{name}',
      reset_password: {
        button: 'Reset password',
        title: 'Reset the password of %{name}',
        explanation: 'Give the new password to the account holder in person. The old password stops working at once.',
        new_password: 'New password',
        done: 'Password changed.',
      },
    },
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export type AppMessages = Messages<typeof en>;
