/**
 * Objects a task creates have no number in any main-thread snapshot, so each of the task's outputs (its return value,
 * each version it writes) used to bring them back as objects of their own: `add(list, n) { const o = { n };
 * list.push(o); return o }` gave the caller a result that was not `list[0]` (tester #14's F28), and `link(a, b)`
 * storing one new object in both gave `a.x !== b.x`. A new object that two outputs of one call hold is given an
 * origin naming the task and a number of its own (CreatedOrigin), in every output; the main thread keeps what each
 * such origin became (api/created-objects.ts), so the second output to be read finds the first one's object.
 *
 * The origin's data number is CREATED_BY_TASK + the task's id: above every datum id, below the origins of argument
 * views (argument-views.ts) and ARGUMENT_ORIGIN.
 */
import { ARGUMENT_VIEW_ORIGIN } from './argument-views';

export const CREATED_BY_TASK = 0x80000000;

export interface CreatedOrigin { readonly data: number; readonly index: number }

export const createdOrigin = (taskId: number, index: number): CreatedOrigin => ({ data: CREATED_BY_TASK + taskId, index });

export const isCreatedOrigin = (origin: { readonly data: number }): boolean =>
  origin.data >= CREATED_BY_TASK && origin.data < ARGUMENT_VIEW_ORIGIN;

/** The id of the task that created the object of a created origin. */
export const creatorOf = (origin: { readonly data: number }): number => origin.data - CREATED_BY_TASK;
