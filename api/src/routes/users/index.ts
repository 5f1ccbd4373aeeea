import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import { hashPassword, type UserRowUpdate } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import { checkPassword } from '../../auth/password-policy.ts';
import { endUserSessions } from '../../auth/sessions.repository.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import {
  CreateUserBody,
  EndedSessions,
  UpdateUserBody,
  USER_SORTABLE,
  User,
  type UserListFilter,
  UserListFilter as UserListFilterSchema,
} from '../../schemas/users.ts';
import {
  auditedUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  toUserDto,
  USER_COLUMNS,
  updateUser,
} from './users.repository.ts';

function checkGraduateLink(role: string, graduateId: string | null | undefined) {
  if (role === 'graduate' && !graduateId) {
    throw new ValidationError('A graduate account must name its graduate record.', [
      { field: 'graduateId', message: 'is required for the graduate role', code: 'required' },
    ]);
  }
  if (role !== 'graduate' && graduateId) {
    throw new ValidationError('Only graduate accounts are linked to a graduate record.', [
      { field: 'graduateId', message: 'must be empty for staff roles', code: 'forbidden_field' },
    ]);
  }
}

/** A database refusal on insert or update, told as what it means to the admin. */
function accountConflict(e: unknown): unknown {
  const { code, constraint } = e as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'users_graduate_id_key') {
    return new ConflictError('graduate-has-account', 'This graduate already has an account.', [
      { field: 'graduateId', message: 'already has an account', code: 'unique' },
    ]);
  }
  if (code === '23505') {
    return new ConflictError('username-taken', 'That username is already in use.', [
      { field: 'username', message: 'is already in use', code: 'unique' },
    ]);
  }
  if (code === '23503' && constraint === 'users_graduate_id_fkey') {
    return new ValidationError('No graduate is recorded with that id.', [
      { field: 'graduateId', message: 'names no recorded graduate', code: 'graduate_unknown' },
    ]);
  }
  return e;
}

const users: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List accounts (admin only)',
        querystring: ListQuery,
        response: { 200: Type.Array(User), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = parseListQuery<UserListFilter, (typeof USER_SORTABLE)[number]>(request.query, {
        filter: UserListFilterSchema,
        sortable: USER_SORTABLE,
        defaultSort: { field: 'username', order: 'asc' },
      });
      const visible = accessibleWhere<'users'>(request.ability, 'read', 'User', USER_COLUMNS);
      if (!visible) throw new ForbiddenError();
      const { rows, total } = await listUsers(app.db, visible, params);
      return sendList(reply, 'users', params.offset, rows.map(toUserDto), total);
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        params: IdParams,
        response: { 200: User, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const row = await findUserById(app.db, request.params.id);
      if (!row || !request.ability.can('read', subject('User', { ...row }))) throw new NotFoundError('The user');
      return toUserDto(row);
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a staff or graduate account',
        body: CreateUserBody,
        response: { 201: User, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      CaslForbiddenError.from(request.ability).throwUnlessCan('create', subject('User', { ...body }));
      checkPassword(body.password, body.username);
      checkGraduateLink(body.role, body.graduateId);
      if (await findUserByUsername(app.db, body.username)) {
        throw new ConflictError('username-taken', 'That username is already in use.', [
          { field: 'username', message: 'is already in use', code: 'unique' },
        ]);
      }
      const passwordHash = await hashPassword(body.password);
      try {
        const row = await app.db.transaction().execute(async (trx) => {
          const created = await insertUser(trx, {
            username: body.username,
            displayName: body.displayName.trim(),
            role: body.role,
            graduateId: body.graduateId ?? null,
            passwordHash,
          });
          await audit(trx, request, {
            action: 'user.create',
            subjectType: 'user',
            subjectId: created.id,
            after: auditedUser(created),
          });
          return created;
        });
        return reply.status(201).send(toUserDto(row));
      } catch (e) {
        throw accountConflict(e);
      }
    },
  );

  app.put(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Edit, deactivate or reactivate an account, or reset its password',
        description: 'Deactivating an account or resetting its password ends all of its sessions at once.',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, password, ...fields } = request.body;
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      return app.db
        .transaction()
        .execute(async (trx) => {
          const current = await findUserById(trx, request.params.id, true);
          if (!current || !request.ability.can('read', subject('User', { ...current }))) {
            throw new NotFoundError('The user');
          }
          const record = subject('User', { ...current });
          const forbidden = CaslForbiddenError.from(request.ability);
          forbidden.throwUnlessCan('update', record);
          for (const field of Object.keys(fields)) forbidden.throwUnlessCan('update', record, field);
          if (password !== undefined) {
            forbidden.throwUnlessCan('update', record, 'password');
            checkPassword(password, current.username);
          }
          if (current.version !== version) throw new VersionConflictError(current.version);
          const role = fields.role ?? current.role;
          checkGraduateLink(role, fields.graduateId === undefined ? current.graduateId : fields.graduateId);

          const changes: UserRowUpdate = { ...fields };
          if (fields.displayName !== undefined) changes.displayName = fields.displayName.trim();
          if (passwordHash !== undefined) {
            changes.passwordHash = passwordHash;
            changes.passwordChangedAt = new Date();
          }
          const updated = await updateUser(trx, current.id, version, changes);
          if (!updated) throw new VersionConflictError(current.version);

          let endedSessions = 0;
          if (fields.active === false && current.active) {
            endedSessions = await endUserSessions(trx, current.id, 'deactivated');
          } else if (password !== undefined) {
            endedSessions = await endUserSessions(trx, current.id, 'password_reset');
          }
          const action =
            fields.active === false && current.active
              ? 'user.deactivate'
              : fields.active === true && !current.active
                ? 'user.reactivate'
                : password !== undefined && Object.keys(fields).length === 0
                  ? 'user.reset_password'
                  : 'user.update';
          await audit(trx, request, {
            action,
            subjectType: 'user',
            subjectId: current.id,
            before: auditedUser(current),
            after: {
              ...auditedUser(updated),
              ...(password !== undefined ? { passwordReset: true } : {}),
              endedSessions,
            },
          });
          return toUserDto(updated);
        })
        .catch((e: unknown) => {
          throw accountConflict(e);
        });
    },
  );

  app.delete(
    '/api/users/:id/sessions',
    {
      schema: {
        tags: ['users'],
        summary: "End all of an account's sessions (admin only)",
        description:
          'Every live session of the account ends at once; its browsers land on the login page at their next request. ' +
          'The account itself stays as it is. Ending your own sessions logs you out too.',
        params: IdParams,
        response: { 200: EndedSessions, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        const current = await findUserById(trx, request.params.id, true);
        if (!current || !request.ability.can('read', subject('User', { ...current }))) {
          throw new NotFoundError('The user');
        }
        CaslForbiddenError.from(request.ability).throwUnlessCan('update', subject('User', { ...current }), 'sessions');
        const endedSessions = await endUserSessions(trx, current.id, 'ended_by_admin');
        await audit(trx, request, {
          action: 'user.end_sessions',
          subjectType: 'user',
          subjectId: current.id,
          after: { username: current.username, endedSessions },
        });
        return { endedSessions };
      }),
  );
};

export default users;
