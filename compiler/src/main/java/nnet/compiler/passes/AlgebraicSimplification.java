package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Op;
import nnet.compiler.ops.elementwise.Add;
import nnet.compiler.ops.elementwise.Div;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.elementwise.Neg;
import nnet.compiler.ops.elementwise.Pow;
import nnet.compiler.ops.elementwise.Sqrt;
import nnet.compiler.ops.elementwise.Sub;
import nnet.compiler.ops.leaf.Constant;
import nnet.compiler.ops.linalg.MatMul;
import nnet.compiler.ops.reduce.Sum;
import nnet.compiler.ops.shape.Permute;
import nnet.compiler.ops.shape.Reshape;

/**
 * Identities that remove work: {@code x+0}, {@code x*1}, {@code x/1}, {@code --x}, powers 1, 2 and ½,
 * chains of reshapes or permutations, no-op reshapes and expands, and transposes of the last two dims
 * folded into matmul's transA/transB flags (so a linear layer's {@code x @ transpose(w)} reads w in
 * place). An identity is applied only when it keeps the node's type.
 */
public final class AlgebraicSimplification implements Pass {
    public String name() {
        return "algebraic-simplification";
    }

    public Graph run(Graph g) {
        int[] uses = g.useCounts();
        return Rewriter.rewrite(g, (old, n, out) -> {
            Integer r = simplify(n, out, old.arity() > 0 && uses[old.input(0)] == 1);
            return r != null ? r : Rewriter.copy(n, out);
        });
    }

    /** {@code soleUser}: this node is the only user of its first operand, which may then be rewritten. */
    private static Integer simplify(Node n, GraphBuilder out, boolean soleUser) {
        Op op = n.op();
        if (op instanceof Add) {
            return isConst(out, n.input(1), 0) ? same(n, out, n.input(0))
                    : isConst(out, n.input(0), 0) ? same(n, out, n.input(1)) : null;
        } else if (op instanceof Sub) {
            return isConst(out, n.input(1), 0) ? same(n, out, n.input(0)) : null;
        } else if (op instanceof Mul) {
            return isConst(out, n.input(1), 1) ? same(n, out, n.input(0))
                    : isConst(out, n.input(0), 1) ? same(n, out, n.input(1)) : null;
        } else if (op instanceof Div) {
            return isConst(out, n.input(1), 1) ? same(n, out, n.input(0)) : null;
        } else if (op instanceof Neg) {
            Node x = out.node(n.input(0));
            return x.op() instanceof Neg ? same(n, out, x.input(0)) : null;
        } else if (op instanceof Pow) {
            return power(n, out);
        } else if (op instanceof Reshape) {
            return reshape(n, out, soleUser);
        } else if (op instanceof Expand) {
            return same(n, out, n.input(0));
        } else if (op instanceof Permute p) {
            return permute(n, p, out, soleUser);
        } else if (op instanceof MatMul m && m.epilogue() == null) {
            return matmul(n, m, out);
        }
        return null;
    }

    /** {@code id} if it already has the node's type, else null. */
    private static Integer same(Node n, GraphBuilder out, int id) {
        return out.type(id).equals(n.type()) ? id : null;
    }

    private static boolean isConst(GraphBuilder out, int id, double v) {
        return out.node(id).op() instanceof Constant c && c.value() == v;
    }

    private static Integer power(Node n, GraphBuilder out) {
        int x = n.input(0);
        if (isConst(out, n.input(1), 1)) {
            return same(n, out, x);
        }
        if (isConst(out, n.input(1), 2) && out.type(x).equals(n.type())) {
            return out.add(new Mul(), x, x);
        }
        if (isConst(out, n.input(1), 0.5) && out.type(x).equals(n.type())) {
            return out.add(new Sqrt(), x);
        }
        return null;
    }

    private static Integer reshape(Node n, GraphBuilder out, boolean soleUser) {
        int x = n.input(0);
        Node inner = out.node(x);
        if (inner.op() instanceof Reshape) {
            x = inner.input(0);
        }
        if (soleUser && inner.op() instanceof Sum s && s.keepdim()) {
            // Dropping kept unit dims is what Sum without keepdim produces directly.
            Sum dropped = new Sum(s.axes(), false);
            if (dropped.infer(List.of(out.type(inner.input(0)))).equals(n.type())) {
                return out.addTyped(dropped, List.of(inner.input(0)), n.type());
            }
        }
        if (out.type(x).equals(n.type())) {
            return x;
        }
        return x == n.input(0) ? null : out.addTyped(n.op(), List.of(x), n.type());
    }

    private static Integer permute(Node n, Permute p, GraphBuilder out, boolean soleUser) {
        if (p.isIdentity()) {
            return n.input(0);
        }
        Node inner = out.node(n.input(0));
        if (soleUser && inner.op() instanceof MatMul m && m.epilogue() == null && swapsLastTwo(n)) {
            // (A·B)ᵀ = Bᵀ·Aᵀ: the product is computed transposed instead of being transposed afterwards.
            return out.addTyped(MatMul.of(!m.transB(), !m.transA()), List.of(inner.input(1), inner.input(0)), n.type());
        }
        if (inner.op() instanceof Permute q) {
            List<Integer> composed = new ArrayList<>();
            for (int d : p.perm()) {
                composed.add(q.perm().get(d));
            }
            Permute c = new Permute(composed);
            return c.isIdentity() ? inner.input(0) : out.addTyped(c, List.of(inner.input(0)), n.type());
        }
        return null;
    }

    private static Integer matmul(Node n, MatMul m, GraphBuilder out) {
        int a = n.input(0);
        int b = n.input(1);
        boolean ta = m.transA();
        boolean tb = m.transB();
        if (swapsLastTwo(out.node(a))) {
            a = out.node(a).input(0);
            ta = !ta;
        }
        if (swapsLastTwo(out.node(b))) {
            b = out.node(b).input(0);
            tb = !tb;
        }
        if (a == n.input(0) && b == n.input(1)) {
            return null;
        }
        return out.addTyped(MatMul.of(ta, tb), List.of(a, b), n.type());
    }

    private static boolean swapsLastTwo(Node x) {
        if (!(x.op() instanceof Permute p)) {
            return false;
        }
        int r = p.perm().size();
        for (int d = 0; d < r - 2; d++) {
            if (p.perm().get(d) != d) {
                return false;
            }
        }
        return r >= 2 && p.perm().get(r - 2) == r - 1 && p.perm().get(r - 1) == r - 2;
    }
}
