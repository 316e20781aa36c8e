package nnet.compiler.ast;

import java.util.List;
import nnet.compiler.source.SourceFile;

/** One parsed source file: a user file or a standard-library module. */
public record Module(String name, SourceFile source, List<Decl> decls) {

    public List<Decl.Import> imports() {
        return decls.stream().filter(Decl.Import.class::isInstance).map(Decl.Import.class::cast).toList();
    }

    public List<Decl.Fn> functions() {
        return decls.stream().filter(Decl.Fn.class::isInstance).map(Decl.Fn.class::cast).toList();
    }

    public List<Decl.Model> models() {
        return decls.stream().filter(Decl.Model.class::isInstance).map(Decl.Model.class::cast).toList();
    }

    public List<Decl.Train> trains() {
        return decls.stream().filter(Decl.Train.class::isInstance).map(Decl.Train.class::cast).toList();
    }
}
