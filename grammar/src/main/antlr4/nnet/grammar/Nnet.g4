/*
 * The .nnet language.
 *
 * A file holds imports, functions, models and training sections. Statements need no separator:
 * every statement starts with a keyword or with names followed by '=' ('h = ...', 'h, c = ...'),
 * so a newline ends an expression wherever the next token cannot continue it. ';' may still
 * separate statements on one line.
 */
grammar Nnet;

file
    : (topDecl ';'?)* EOF
    ;

topDecl
    : importDecl
    | fnDecl
    | modelDecl
    | trainDecl
    ;

// 'import nn', or 'import mylayers' for mylayers.nnet beside the file or in the import path;
// 'as' gives the module another name in this file.
importDecl
    : IMPORT module=ID (AS alias=ID)?
    ;

fnDecl
    : FN name=ID '(' (fnParam (',' fnParam)* ','?)? ')' body
    ;

// A parameter's kind is a name (int, float, bool, str, tensor), strings it must be one of
// ("mean" | "sum"), or both (int | "same").
fnParam
    : name=ident (':' kinds+=paramKind ('|' kinds+=paramKind)*)? ('=' defaultValue=expr)?
    ;

paramKind
    : kind=ID
    | choice=STRING
    ;

modelDecl
    : MODEL name=ID body
    ;

body
    : '{' (stmt ';'?)* '}'
    ;

// 'param w as "weight_ih_l" + str(i): ...' stores the parameter under a computed name (as torch.nn
// names an LSTM's weights) while the body calls it w; a buffer may be named the same way.
stmt
    : INPUT name=ident ':' tensorType                           # inputStmt
    | FROZEN? PARAM name=ident (AS stored=expr)? ':' tensorType ('=' init=expr)?  # paramStmt
    | BUFFER name=ident (AS stored=expr)? ':' tensorType ('=' init=expr)?         # bufferStmt
    | UPDATE name=ident '=' value=expr                          # updateStmt
    | OUTPUT name=ident ('=' value=expr)?                       # outputStmt
    | LOSS '=' value=expr                                       # lossStmt
    | METRIC name=ident '=' value=expr                          # metricStmt
    | RETURN values+=expr (',' values+=expr)*                   # returnStmt
    | ifStmt                                                    # ifStatement
    | FOR var=ident IN iterable=expr body                       # forStmt
    | ASSERT cond=expr (',' message=expr)?                      # assertStmt
    | targets+=ident (',' targets+=ident)* '=' value=expr       # letStmt
    ;

// The statement keywords double as names elsewhere (PyTorch calls the first operand of most functions
// 'input', and 'in' is the usual name of an input size); only 'loss = ...' at the start of a statement
// is always the loss.
ident
    : ID | INPUT | PARAM | OUTPUT | METRIC | FROZEN | BUFFER | UPDATE | IN
    ;

// A compile-time choice: the condition must be known when the model is built.
ifStmt
    : IF cond=expr then=body (ELSE (otherwise=body | elseIf=ifStmt))?
    ;

tensorType
    : dtype=ID? '[' (expr (',' expr)*)? ']'
    ;

trainDecl
    : TRAIN model=ID '{' (setting ';'?)* '}'
    ;

setting
    : name=ident '=' value=expr
    ;

// Precedence follows Python: ** binds tightest and to the right, then unary minus, then * / % @,
// then + -, then comparisons, then 'not', 'and', 'or' (on compile-time booleans); indexing binds
// tightest of all. '(a)' is a parenthesised expression, '(a, b)' and '(a,)' are tuples.
expr
    : base=expr '[' (subscripts+=subscript (',' subscripts+=subscript)* ','?)? ']' # indexExpr
    | <assoc=right> left=expr op='**' right=expr                  # powerExpr
    | op=('-' | '+') operand=expr                                 # unaryExpr
    | left=expr op=('*' | '/' | '%' | '@') right=expr             # mulExpr
    | left=expr op=('+' | '-') right=expr                         # addExpr
    | left=expr op=('<' | '>' | '<=' | '>=' | '==' | '!=') right=expr # compareExpr
    | op=NOT operand=expr                                         # notExpr
    | left=expr op=AND right=expr                                 # logicalExpr
    | left=expr op=OR right=expr                                  # logicalExpr
    | callee=qualifiedName '(' (arg (',' arg)* ','?)? ')' (AS scope=scopePath)? # callExpr
    | qualifiedName                                               # nameExpr
    | INT                                                         # intExpr
    | FLOAT                                                       # floatExpr
    | (TRUE | FALSE)                                              # boolExpr
    | STRING                                                      # stringExpr
    | '[' (expr (',' expr)* ','?)? ']'                            # listExpr
    | '(' items+=expr (comma=',' (items+=expr (',' items+=expr)* ','?)?)? ')' # parenExpr
    ;

// An entry of an index, as in Python and PyTorch: an expression, a slice 'start:stop:step' whose parts
// may each be left out, or '...' for the dims the other entries leave ('None' is an expression here).
subscript
    : start=expr? ':' stop=expr? (':' step=expr?)?                # sliceSubscript
    | '...'                                                       # ellipsisSubscript
    | value=expr                                                  # exprSubscript
    ;

arg
    : (name=ident '=')? value=expr
    ;

qualifiedName
    : ident ('.' ident)*
    ;

// The name a call gives its parameters, as torch.nn names submodules: 'encoder.layers[i]' makes
// 'encoder.layers.0.weight' when i is 0.
scopePath
    : parts+=scopePart ('.' parts+=scopePart)*
    ;

scopePart
    : name=ident ('[' indices+=expr ']')*
    ;

IMPORT  : 'import';
FN      : 'fn';
MODEL   : 'model';
TRAIN   : 'train';
INPUT   : 'input';
PARAM   : 'param';
FROZEN  : 'frozen';
BUFFER  : 'buffer';
UPDATE  : 'update';
OUTPUT  : 'output';
LOSS    : 'loss';
METRIC  : 'metric';
RETURN  : 'return';
AS      : 'as';
IF      : 'if';
ELSE    : 'else';
FOR     : 'for';
IN      : 'in';
ASSERT  : 'assert';
AND     : 'and';
OR      : 'or';
NOT     : 'not';
TRUE    : 'true';
FALSE   : 'false';

ID      : [a-zA-Z_] [a-zA-Z_0-9]*;
FLOAT   : DIGITS '.' DIGITS? EXPONENT?
        | '.' DIGITS EXPONENT?
        | DIGITS EXPONENT
        ;
INT     : DIGITS;
// Either quote, with backslash escapes; a string ends on its line.
STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
        | '\'' (~['\\\r\n] | '\\' ~[\r\n])* '\''
        ;
// A string not closed on its line becomes a token, so that the parser reports it where it starts.
UNTERMINATED_STRING
        : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'?
        | '\'' (~['\\\r\n] | '\\' ~[\r\n])* '\\'?
        ;

fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? [0-9]+;

LINE_COMMENT  : ('//' | '#') ~[\r\n]* -> skip;
BLOCK_COMMENT : '/*' .*? '*/' -> skip;
// A '/*' that is never closed runs to the end of the file; it becomes a token so that the parser reports
// it where it starts. It cannot match a comment that is closed, which BLOCK_COMMENT skips.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
WS            : [ \t\r\n\f]+ -> skip;

// Anything else is reported by the parser as an unexpected character instead of by the lexer's
// default listener, so that every diagnostic goes through the same path.
UNKNOWN : .;
