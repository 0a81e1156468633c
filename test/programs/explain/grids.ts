// Grids whose cells could be waited for where they are read, and the uses that stop it.
/** @task */
export function cell(top: number, left: number): number { return top + left + 1; }

// Printed inside the sweep: the next diagonal's stores follow the print (and each call counts on: no split).
const rounds: number[][] = [[], []];
let calls = 0;
for (let d = 0; d < 3; d++) {
  for (let i = 0; i < 2; i++) {
    const j = d - i;
    if (j >= 0 && j < 2) rounds[i][j] = cell(i, j + calls++);
  }
  console.log(JSON.stringify(rounds));
}

// Used whole by a function of its own.
const shown: number[][] = [[], []];
const show = () => console.log(shown);
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) shown[i][j] = cell(i, j);
show();

// Printed after the sweep: gathers, no note.
const done: number[][] = [[], []];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) done[i][j] = cell(i, j);
console.log(done);
