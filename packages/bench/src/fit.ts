/** Least-squares slope of log(y) over log(x): the exponent k of y ≈ c·x^k. */
export function fitExponent(points: readonly { x: number; y: number }[]): number {
    const xs = points.map(p => Math.log(p.x));
    const ys = points.map(p => Math.log(p.y));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < xs.length; i++) {
        num += (xs[i] - mx) * (ys[i] - my);
        den += (xs[i] - mx) ** 2;
    }
    return num / den;
}
