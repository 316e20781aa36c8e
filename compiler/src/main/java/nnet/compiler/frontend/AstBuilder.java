package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Expr;
import nnet.compiler.ast.Module;
import nnet.compiler.ast.Stmt;
import nnet.compiler.ast.TypeExpr;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;
import nnet.grammar.NnetParser;
import nnet.grammar.NnetParser.ExprContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parse tree to AST. After a syntax error the tree may have holes (null children); those parts are
 * skipped, since the error has already been reported.
 */
final class AstBuilder {
    private final String moduleName;
    private final SourceFile source;
    private final Diagnostics diagnostics;

    AstBuilder(String moduleName, SourceFile source, Diagnostics diagnostics) {
        this.moduleName = moduleName;
        this.source = source;
        this.diagnostics = diagnostics;
    }

    Module module(NnetParser.FileContext file) {
        List<Decl> decls = new ArrayList<>();
        for (NnetParser.TopDeclContext top : file.topDecl()) {
            Decl d = decl(top);
            if (d != null) {
                decls.add(d);
            }
        }
        return new Module(moduleName, source, decls);
    }

    private Decl decl(NnetParser.TopDeclContext top) {
        if (top.importDecl() != null && top.importDecl().module != null) {
            NnetParser.ImportDeclContext i = top.importDecl();
            String module = i.module.getText();
            return new Decl.Import(module, i.alias == null ? module : i.alias.getText(), span(i.module));
        } else if (top.fnDecl() != null && top.fnDecl().name != null) {
            return fn(top.fnDecl());
        } else if (top.modelDecl() != null && top.modelDecl().name != null) {
            NnetParser.ModelDeclContext m = top.modelDecl();
            return new Decl.Model(m.name.getText(), body(m.body()), span(m.name));
        } else if (top.trainDecl() != null && top.trainDecl().model != null) {
            return train(top.trainDecl());
        }
        return null;
    }

    private Decl.Fn fn(NnetParser.FnDeclContext f) {
        List<Decl.FnParam> params = new ArrayList<>();
        for (NnetParser.FnParamContext p : f.fnParam()) {
            if (p.name != null) {
                params.add(fnParam(p));
            }
        }
        return new Decl.Fn(f.name.getText(), params, body(f.body()), span(f.name));
    }

    private Decl.FnParam fnParam(NnetParser.FnParamContext p) {
        Token kind = null;
        List<String> choices = new ArrayList<>();
        for (NnetParser.ParamKindContext k : p.kinds) {
            if (k.choice != null) {
                Expr.StrLit s = stringLiteral(k.choice);
                if (s != null) {
                    choices.add(s.value());
                }
            } else if (k.kind != null && kind != null) {
                diagnostics.error(span(k.kind), "a parameter has one kind besides its strings, here both '"
                        + kind.getText() + "' and '" + k.kind.getText() + "'");
            } else if (k.kind != null) {
                kind = k.kind;
            }
        }
        return new Decl.FnParam(p.name.getText(), kind == null ? null : kind.getText(),
                kind == null ? null : span(kind), expr(p.defaultValue), span(p.name), choices);
    }

    private Decl.Train train(NnetParser.TrainDeclContext t) {
        List<Decl.Setting> settings = new ArrayList<>();
        for (NnetParser.SettingContext s : t.setting()) {
            Expr value = expr(s.value);
            if (s.name != null && value != null) {
                settings.add(new Decl.Setting(s.name.getText(), value, span(s.name)));
            }
        }
        return new Decl.Train(t.model.getText(), settings, span(t.model));
    }

    private List<Stmt> body(NnetParser.BodyContext body) {
        List<Stmt> stmts = new ArrayList<>();
        if (body == null) {
            return stmts;
        }
        for (NnetParser.StmtContext s : body.stmt()) {
            Stmt stmt = stmt(s);
            if (stmt != null) {
                stmts.add(stmt);
            }
        }
        return stmts;
    }

    private Stmt stmt(NnetParser.StmtContext s) {
        if (s instanceof NnetParser.InputStmtContext in && in.name != null && in.tensorType() != null) {
            return new Stmt.Input(in.name.getText(), type(in.tensorType()), span(in.name));
        } else if (s instanceof NnetParser.ParamStmtContext p && p.name != null && p.tensorType() != null) {
            return new Stmt.Param(p.name.getText(), expr(p.stored), type(p.tensorType()), expr(p.init), p.FROZEN() != null,
                    span(p.name));
        } else if (s instanceof NnetParser.BufferStmtContext b && b.name != null && b.tensorType() != null) {
            return new Stmt.Buffer(b.name.getText(), expr(b.stored), type(b.tensorType()), expr(b.init), span(b.name));
        } else if (s instanceof NnetParser.UpdateStmtContext u && u.name != null && u.value != null) {
            return new Stmt.Update(u.name.getText(), expr(u.value), span(u.name));
        } else if (s instanceof NnetParser.OutputStmtContext o && o.name != null) {
            return new Stmt.Output(o.name.getText(), expr(o.value), span(o.name));
        } else if (s instanceof NnetParser.LossStmtContext l && l.value != null) {
            return new Stmt.Loss(expr(l.value), span(l.LOSS()));
        } else if (s instanceof NnetParser.MetricStmtContext m && m.name != null && m.value != null) {
            return new Stmt.Metric(m.name.getText(), expr(m.value), span(m.name));
        } else if (s instanceof NnetParser.ReturnStmtContext r && !r.values.isEmpty()) {
            return returnStmt(r);
        } else if (s instanceof NnetParser.IfStatementContext i && i.ifStmt() != null) {
            return ifStmt(i.ifStmt());
        } else if (s instanceof NnetParser.AssertStmtContext a && a.cond != null) {
            Expr cond = expr(a.cond);
            Expr message = expr(a.message);
            return cond == null || a.message != null && message == null ? null
                    : new Stmt.Assert(cond, message, span(a.ASSERT()));
        } else if (s instanceof NnetParser.ForStmtContext f && f.var != null && f.iterable != null) {
            Expr iterable = expr(f.iterable);
            return iterable == null ? null : new Stmt.For(f.var.getText(), iterable, body(f.body()), span(f.FOR()));
        } else if (s instanceof NnetParser.LetStmtContext let && !let.targets.isEmpty() && let.value != null) {
            return let(let);
        }
        return null;
    }

    /** {@code name = value}, or {@code a, b = value} to unpack a tuple. */
    private Stmt let(NnetParser.LetStmtContext let) {
        Expr value = expr(let.value);
        if (value == null) {
            return null;
        }
        List<String> names = let.targets.stream().map(ParserRuleContext::getText).toList();
        if (names.size() == 1) {
            return new Stmt.Let(names.get(0), value, span(let.targets.get(0)));
        }
        return new Stmt.Unpack(names, value, span(let.targets.get(0), let.targets.get(names.size() - 1)));
    }

    /** {@code return a, b} returns the tuple {@code (a, b)}. */
    private Stmt returnStmt(NnetParser.ReturnStmtContext r) {
        List<Expr> values = exprs(r.values);
        if (values == null) {
            return null;
        }
        Expr value = values.size() == 1 ? values.get(0)
                : new Expr.TupleLit(values, span(r.values.get(0), r.values.get(values.size() - 1)));
        return new Stmt.Return(value, span(r.RETURN()));
    }

    private Stmt ifStmt(NnetParser.IfStmtContext i) {
        Expr cond = expr(i.cond);
        if (cond == null) {
            return null;
        }
        List<Stmt> otherwise = new ArrayList<>();
        if (i.otherwise != null) {
            otherwise = body(i.otherwise);
        } else if (i.elseIf != null) {
            Stmt nested = ifStmt(i.elseIf);
            if (nested != null) {
                otherwise.add(nested);
            }
        }
        return new Stmt.If(cond, body(i.then), otherwise, span(i.IF()));
    }

    private TypeExpr type(NnetParser.TensorTypeContext t) {
        List<Expr> dims = new ArrayList<>();
        for (ExprContext e : t.expr()) {
            Expr d = expr(e);
            if (d != null) {
                dims.add(d);
            }
        }
        return new TypeExpr(t.dtype == null ? null : t.dtype.getText(), t.dtype == null ? null : span(t.dtype),
                dims, span(t));
    }

    private Expr expr(ExprContext e) {
        if (e == null || e.exception != null && e.getChildCount() == 0) {
            return null;
        }
        Span span = span(e);
        if (e instanceof NnetParser.IndexExprContext i) {
            Expr base = expr(i.base);
            if (i.subscripts.isEmpty()) {
                // Accepted by the grammar so that the error is this one, not a parse that loses its way.
                diagnostics.error(span, "an index needs an entry between its brackets, such as x[0] or x[:, 1]");
                return null;
            }
            List<Expr.Subscript> subscripts = subscripts(i.subscripts);
            return base == null || subscripts == null ? null : new Expr.Index(base, subscripts, span);
        } else if (e instanceof NnetParser.PowerExprContext b) {
            return binary(b.op, b.left, b.right);
        } else if (e instanceof NnetParser.MulExprContext b) {
            return binary(b.op, b.left, b.right);
        } else if (e instanceof NnetParser.AddExprContext b) {
            return binary(b.op, b.left, b.right);
        } else if (e instanceof NnetParser.CompareExprContext b) {
            return binary(b.op, b.left, b.right);
        } else if (e instanceof NnetParser.UnaryExprContext u) {
            Expr operand = expr(u.operand);
            return operand == null ? null : new Expr.Unary(u.op.getText(), operand, span);
        } else if (e instanceof NnetParser.CallExprContext c) {
            return call(c, span);
        } else if (e instanceof NnetParser.NameExprContext n) {
            return name(n.qualifiedName());
        } else if (e instanceof NnetParser.IntExprContext i) {
            return intLiteral(i.INT(), span);
        } else if (e instanceof NnetParser.FloatExprContext f) {
            return floatLiteral(f.FLOAT(), span);
        } else if (e instanceof NnetParser.BoolExprContext b) {
            return new Expr.BoolLit(b.TRUE() != null, span);
        } else if (e instanceof NnetParser.StringExprContext str) {
            return stringLiteral(str.STRING().getSymbol());
        } else if (e instanceof NnetParser.NotExprContext n) {
            Expr operand = expr(n.operand);
            return operand == null ? null : new Expr.Unary(n.op.getText(), operand, span);
        } else if (e instanceof NnetParser.LogicalExprContext b) {
            return binary(b.op, b.left, b.right);
        } else if (e instanceof NnetParser.ListExprContext l) {
            List<Expr> items = exprs(l.expr());
            return items == null ? null : new Expr.ListLit(items, span);
        } else if (e instanceof NnetParser.ParenExprContext p) {
            if (p.comma == null) {
                return p.items.isEmpty() ? null : expr(p.items.get(0));
            }
            List<Expr> items = exprs(p.items);
            return items == null ? null : new Expr.TupleLit(items, span);
        }
        return null;
    }

    /** The entries of an index, or null if any of them is missing after a syntax error. */
    private List<Expr.Subscript> subscripts(List<NnetParser.SubscriptContext> contexts) {
        List<Expr.Subscript> out = new ArrayList<>();
        for (NnetParser.SubscriptContext c : contexts) {
            if (c instanceof NnetParser.EllipsisSubscriptContext) {
                out.add(new Expr.Subscript.Ellipsis(span(c)));
            } else if (c instanceof NnetParser.SliceSubscriptContext s) {
                Expr start = s.start == null ? null : expr(s.start);
                Expr stop = s.stop == null ? null : expr(s.stop);
                Expr step = s.step == null ? null : expr(s.step);
                boolean missing = s.start != null && start == null || s.stop != null && stop == null
                        || s.step != null && step == null;
                if (missing) {
                    return null;
                }
                out.add(new Expr.Subscript.Slice(start, stop, step, span(c)));
            } else if (c instanceof NnetParser.ExprSubscriptContext x && expr(x.value) != null) {
                out.add(new Expr.Subscript.At(expr(x.value)));
            } else {
                return null;
            }
        }
        return out;
    }

    /** The expressions of a list, or null if any of them is missing after a syntax error. */
    private List<Expr> exprs(List<ExprContext> contexts) {
        List<Expr> items = new ArrayList<>();
        for (ExprContext item : contexts) {
            Expr x = expr(item);
            if (x == null) {
                return null;
            }
            items.add(x);
        }
        return items;
    }

    private Expr binary(Token op, ExprContext left, ExprContext right) {
        Expr l = expr(left);
        Expr r = expr(right);
        if (l == null || r == null || op == null) {
            return null;
        }
        // The operator is what a diagnostic about the operation should point at.
        return new Expr.Binary(op.getText(), l, r, span(op));
    }

    private Expr call(NnetParser.CallExprContext c, Span span) {
        Expr.Name callee = name(c.callee);
        if (callee == null) {
            return null;
        }
        List<Expr.Arg> args = new ArrayList<>();
        for (NnetParser.ArgContext a : c.arg()) {
            Expr value = expr(a.value);
            if (value == null) {
                return null;
            }
            args.add(new Expr.Arg(a.name == null ? null : a.name.getText(), value,
                    a.name == null ? value.span() : span(a.name)));
        }
        Expr.Scope scope = null;
        if (c.scope != null) {
            scope = scope(c.scope);
            if (scope == null) {
                return null;
            }
        }
        return new Expr.Call(callee, args, scope, callee.span());
    }

    private Expr.Scope scope(NnetParser.ScopePathContext path) {
        List<Expr.ScopePart> parts = new ArrayList<>();
        for (NnetParser.ScopePartContext p : path.parts) {
            List<Expr> indices = exprs(p.indices);
            if (p.name == null || indices == null) {
                return null;
            }
            parts.add(new Expr.ScopePart(p.name.getText(), indices));
        }
        Token stop = path.getStop() == null ? path.getStart() : path.getStop();
        if (parts.isEmpty() || stop.getStopIndex() < path.getStart().getStartIndex()) {
            // What error recovery made of an 'as' without a name; the parser has reported it.
            return null;
        }
        String text = path.getStart().getInputStream().getText(
                Interval.of(path.getStart().getStartIndex(), stop.getStopIndex()));
        return new Expr.Scope(parts, text, span(path));
    }

    private Expr.Name name(NnetParser.QualifiedNameContext q) {
        if (q == null || q.ident().isEmpty()) {
            return null;
        }
        List<String> parts = q.ident().stream().map(ParserRuleContext::getText).toList();
        return new Expr.Name(parts, span(q));
    }

    private Expr intLiteral(TerminalNode token, Span span) {
        String digits = token.getText().replace("_", "");
        try {
            return new Expr.IntLit(Long.parseLong(digits), span);
        } catch (NumberFormatException tooLarge) {
            diagnostics.error(span, "integer " + abbreviate(token.getText()) + " is too large; ints go up to "
                    + Long.MAX_VALUE + " (write a float such as 1e30 for a large number)");
            return null;
        }
    }

    private Expr floatLiteral(TerminalNode token, Span span) {
        double v = Double.parseDouble(token.getText().replace("_", ""));
        if (Double.isInfinite(v)) {
            diagnostics.error(span, "number " + abbreviate(token.getText()) + " is too large for a float");
            return null;
        }
        return new Expr.FloatLit(v, span);
    }

    /** A string literal with its escapes resolved; null after reporting an unknown escape. */
    private Expr.StrLit stringLiteral(Token token) {
        String text = token.getText();
        Span span = span(token);
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case '\\', '"', '\'' -> value.append(escaped);
                default -> {
                    diagnostics.error(new Span(source, span.line(), span.column() + i - 1, 2), "unknown escape '\\"
                            + escaped + "' in a string; use \\\\, \\\", \\', \\n or \\t");
                    return null;
                }
            }
        }
        return new Expr.StrLit(value.toString(), span);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
    }

    private Span span(TerminalNode node) {
        return span(node.getSymbol());
    }

    private Span span(Token t) {
        return new Span(source, t.getLine(), t.getCharPositionInLine() + 1,
                t.getType() == Token.EOF ? 1 : t.getText().length());
    }

    /** From the first token of the rule to its last one if both are on one line, else to the line's end. */
    private Span span(ParserRuleContext ctx) {
        return span(ctx, ctx);
    }

    /** From the first token of {@code first} to the last one of {@code last}, as above. */
    private Span span(ParserRuleContext first, ParserRuleContext last) {
        Token start = first.getStart();
        Token stop = last.getStop() == null ? start : last.getStop();
        int column = start.getCharPositionInLine() + 1;
        int length;
        if (stop.getLine() == start.getLine() && stop.getType() != Token.EOF) {
            length = stop.getCharPositionInLine() + stop.getText().length() - start.getCharPositionInLine();
        } else {
            length = source.line(start.getLine()).length() - start.getCharPositionInLine();
        }
        return new Span(source, start.getLine(), column, length);
    }
}
