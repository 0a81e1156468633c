import * as T from './tasks';
const mk = (): T.It[] => [0, 1, 2, 3].map((k) => ({ k, v: k * 100 }));
const x1 = mk(), x2 = mk(), x3 = mk(), x4 = mk(), x5 = mk(), x6 = mk(), x7 = mk(), x8 = mk(), x9 = mk(), x10 = mk(), x11 = mk(), x12 = mk(), x13 = mk(), x14 = mk(), x15 = mk();
const results = [T.s1(x1), T.s2(x2), T.s3(x3), T.s4(x4), T.s5(x5), T.s6(x6), T.s7(x7), T.s8(x8), T.s9(x9), T.s10(x10), T.s11(x11), T.s12(x12), T.s13(x13), T.s14(x14), T.s15(x15)];
const inputs = [x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
results.forEach((r, i) => console.log(`s${i + 1}`, r, inputs[i].map((x) => x.v).join(',')));
