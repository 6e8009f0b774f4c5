/**
 * How far an import's --resume cursor may go when items commit out of order (several imported
 * side by side): the items of an export, numbered from 1, whose work is over (committed, or
 * skipped without a transaction). The cursor may pass an item only once every item before it
 * is over too; an item that failed is never settled, so the cursor stops before it and a
 * resumed run tries it again.
 *
 * - `settle(n)`: item n is over.
 * - `through(n)`: the cursor item n may write in its own transaction, which commits it: n and
 *   the settled items right after it when every item before n is over, else the prefix as it
 *   stands (item n's commit then moves nothing; a later item's will).
 * - `prefix`: every item up to it is over.
 */
export class CommittedPrefix {
  private readonly settled = new Set<number>();

  constructor(private done: number) {}

  get prefix(): number {
    return this.done;
  }

  settle(position: number): void {
    this.settled.add(position);
    while (this.settled.delete(this.done + 1)) this.done += 1;
  }

  through(position: number): number {
    if (position !== this.done + 1) return this.done;
    let end = position;
    while (this.settled.has(end + 1)) end += 1;
    return end;
  }
}
