#!/usr/bin/python3
"""Reference values of the layers of the catalogue, computed with PyTorch (Debian's 1.13, run with
/usr/bin/python3), for LayerReferenceTest. Not part of the build: run it by hand after changing a case,
and commit what it writes.

For every case it stores, in compiler/src/test/resources/reference/layers.npz, under "<case>/<name>":
the inputs and parameters, the forward output y, and the gradients of sum(y * r) for a random r with
respect to the input and every parameter (all in float64). Batch norm cases also store the running
statistics after the training steps and the output in evaluation mode after them.
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference", "layers.npz")
arrays = {}


def store(case, **values):
    for name, v in values.items():
        arrays[case + "/" + name] = v.detach().numpy() if isinstance(v, torch.Tensor) else np.asarray(v)


def gradients(case, y, leaves):
    r = torch.rand_like(y) * 2 - 1
    (y * r).sum().backward()
    store(case, y=y, r=r)
    for name, leaf in leaves.items():
        store(case, **{"grad_" + name: leaf.grad})


def conv_case(case, x_shape, w_shape, transposed=False, **kwargs):
    x = torch.randn(x_shape, requires_grad=True)
    w = (torch.rand(w_shape) - 0.5).requires_grad_()
    b = (torch.rand(w_shape[1] * kwargs.get("groups", 1) if transposed else w_shape[0]) - 0.5).requires_grad_()
    fn = {(False, 3): F.conv1d, (False, 4): F.conv2d, (True, 4): F.conv_transpose2d}[(transposed, len(x_shape))]
    y = fn(x, w, b, **kwargs)
    store(case, x=x, weight=w, bias=b)
    gradients(case, y, {"x": x, "weight": w, "bias": b})


conv_case("conv2d_basic", (2, 3, 7, 6), (4, 3, 3, 3), padding=1)
conv_case("conv2d_strided", (2, 4, 9, 8), (6, 2, 3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2), groups=2)
conv_case("conv1d", (3, 2, 11), (5, 2, 4), stride=2, padding=1)
conv_case("conv_transpose2d", (2, 4, 5, 4), (4, 3, 3, 3), transposed=True, stride=2, padding=1, output_padding=1)


def batch_norm_case(case, shape, steps=3):
    bn = torch.nn.BatchNorm2d(shape[1]) if len(shape) == 4 else torch.nn.BatchNorm1d(shape[1])
    with torch.no_grad():
        bn.weight.copy_(torch.rand(shape[1]) + 0.5)
        bn.bias.copy_(torch.rand(shape[1]) - 0.5)
    store(case, weight=bn.weight, bias=bn.bias)
    for step in range(steps):
        x = (torch.randn(shape) * (step + 1) + step).requires_grad_()
        store(case, **{"x%d" % step: x})
        bn.weight.grad = None
        bn.bias.grad = None
        y = bn(x)
        r = torch.rand_like(y) * 2 - 1
        (y * r).sum().backward()
        store(case, **{"y%d" % step: y, "r%d" % step: r, "grad_x%d" % step: x.grad,
                       "grad_weight%d" % step: bn.weight.grad, "grad_bias%d" % step: bn.bias.grad})
    store(case, running_mean=bn.running_mean, running_var=bn.running_var,
          num_batches_tracked=bn.num_batches_tracked.to(torch.int32))
    bn.eval()
    x = torch.randn(shape)
    store(case, eval_x=x, eval_y=bn(x))


batch_norm_case("batch_norm2d", (4, 3, 5, 5))
batch_norm_case("batch_norm1d", (6, 4))


def layer_norm_case(case, shape, normalized):
    x = torch.randn(shape, requires_grad=True)
    w = (torch.rand(normalized) + 0.5).requires_grad_()
    b = (torch.rand(normalized) - 0.5).requires_grad_()
    y = F.layer_norm(x, normalized, w, b)
    store(case, x=x, weight=w, bias=b)
    gradients(case, y, {"x": x, "weight": w, "bias": b})


layer_norm_case("layer_norm", (3, 4, 5), (5,))
layer_norm_case("layer_norm_2d", (3, 4, 5), (4, 5))


def group_norm_case(case, shape, groups):
    x = torch.randn(shape, requires_grad=True)
    w = (torch.rand(shape[1]) + 0.5).requires_grad_()
    b = (torch.rand(shape[1]) - 0.5).requires_grad_()
    y = F.group_norm(x, groups, w, b)
    store(case, x=x, weight=w, bias=b)
    gradients(case, y, {"x": x, "weight": w, "bias": b})


group_norm_case("group_norm", (2, 6, 3, 4), 3)


def var_std_case():
    x = torch.randn(3, 5, 4, requires_grad=True)
    y = torch.var(x, dim=(0, 2), unbiased=True) + torch.std(x, dim=1, unbiased=False).sum()
    store("var_std", x=x)
    gradients("var_std", y, {"x": x})


var_std_case()
np.savez(OUT, **arrays)
print("wrote", len(arrays), "arrays to", os.path.normpath(OUT))
