grammar Nnet; file: EOF;
