/** @task */
export function grow(depth: number): object {
  let tree: object = { leaf: depth };
  for (let i = 0; i < depth; i++) tree = { level: i, child: tree };
  console.log('grown', tree);
  return tree;
}
