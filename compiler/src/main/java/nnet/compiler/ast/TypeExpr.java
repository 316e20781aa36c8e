package nnet.compiler.ast;

import java.util.List;
import nnet.compiler.source.Span;

/** {@code f32[batch, 64]}; dtype is null when omitted (parameters then take the model's float type). */
public record TypeExpr(String dtype, Span dtypeSpan, List<Expr> dims, Span span) {
}
