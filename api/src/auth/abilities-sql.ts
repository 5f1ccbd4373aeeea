import { rulesToAST } from '@casl/ability/extra';
import type { Database } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Action, AppAbility, SubjectType } from './abilities.ts';

interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

/**
 * Turns the CASL rules for (action, subject type) into a Kysely WHERE condition, so that a list shows
 * exactly the records the ability allows: the same rules decide rows in SQL and records in handlers.
 * Returns null when no rule allows any record. Rule conditions here are equalities and lists.
 */
export function accessibleWhere<TB extends keyof Database>(
  ability: AppAbility,
  action: Action,
  subjectType: Exclude<SubjectType, 'all'>,
  columns: Readonly<Record<string, string>>,
): ((eb: ExpressionBuilder<Database, TB>) => Expression<SqlBool>) | null {
  const ast = rulesToAST(ability, action, subjectType) as AstNode | null;
  if (ast === null) return null;
  return (eb) => toExpression(eb, ast, columns);
}

function toExpression<TB extends keyof Database>(
  eb: ExpressionBuilder<Database, TB>,
  node: AstNode,
  columns: Readonly<Record<string, string>>,
): Expression<SqlBool> {
  const children = () => (node.value as AstNode[]).map((c) => toExpression(eb, c, columns));
  const ref = () => {
    const column = node.field === undefined ? undefined : columns[node.field];
    if (column === undefined) throw new Error(`no column mapped for rule field ${String(node.field)}`);
    // biome-ignore lint/suspicious/noExplicitAny: the column name is checked against the mapping above
    return eb.ref(column as any);
  };
  switch (node.operator) {
    case 'and':
      return eb.and(children());
    case 'or':
      return eb.or(children());
    case 'not':
      return eb.not(toExpression(eb, node.value as AstNode, columns));
    case 'eq':
      return node.value === null ? eb(ref(), 'is', null) : eb(ref(), '=', node.value);
    case 'ne':
      return node.value === null ? eb(ref(), 'is not', null) : eb(ref(), '<>', node.value);
    case 'in':
      return eb(ref(), 'in', node.value as unknown[]);
    case 'nin':
      return eb(ref(), 'not in', node.value as unknown[]);
    default:
      throw new Error(`rule operator ${node.operator} cannot be turned into SQL`);
  }
}
