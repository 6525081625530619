"""Normalisation layers. Counts follow Keras: batch norm's moving mean and variance are counted
(as non-trainable weights in Keras, buffers in PyTorch), so ``batchnorm`` on 64 channels has 256."""

from __future__ import annotations

from nnviz_core.ir.ops.base import Arg, Call, Op, channels_check

EPSILON = Arg(
    "epsilon", "float", 1e-3, "Added to the variance for stability.", ("eps",), minimum=0.0
)


def batchnorm_params(call: Call) -> int:
    """The learned offset and scale (as layer norm) plus the moving mean and variance."""
    return layernorm_params(call) + moving_statistics(call)


def moving_statistics(call: Call) -> int:
    """Batch norm's moving mean and variance: counted, never trained."""
    return 2 * call.channels()


def layernorm_params(call: Call) -> int:
    learned = int(call.flag("center")) + int(call.flag("scale"))
    return call.channels() * learned


def rmsnorm_params(call: Call) -> int:
    return call.channels() if call.flag("scale") else 0


def scale_params(call: Call) -> int:
    return call.channels() * (2 if call.flag("use_bias") else 1)


def groupnorm_params(call: Call) -> int:
    channels, groups = call.channels(), call.num("groups")
    if channels % groups:
        call.fail(f"groups={groups} must divide the {channels} input channels")
    return 2 * channels if call.flag("affine") else 0


def instancenorm_params(call: Call) -> int:
    return 2 * call.channels() if call.flag("affine") else 0


CENTER = Arg("center", "bool", True, "Learn an offset (beta).")
SCALE = Arg("scale", "bool", True, "Learn a scale (gamma).")
AFFINE = Arg("affine", "bool", True, "Learn a scale and an offset per channel.")

OPS = (
    Op(
        "batchnorm",
        "normalization",
        "Batch normalisation over the channel axis.",
        params=batchnorm_params,
        non_trainable=moving_statistics,
        args=(
            Arg("momentum", "float", 0.99, "Moving-average momentum.", minimum=0.0),
            EPSILON,
            CENTER,
            SCALE,
            channels_check("num_features", "PyTorch's channel count; checked, not needed."),
        ),
        aliases=(
            "batch_normalization",
            "batch_norm",
            "batchnorm1d",
            "batchnorm2d",
            "batchnorm3d",
            "bn",
        ),
    ),
    Op(
        "layernorm",
        "normalization",
        "Layer normalisation over the feature (channel) axis.",
        params=layernorm_params,
        args=(EPSILON, CENTER, SCALE),
        aliases=("layer_normalization", "layer_norm"),
    ),
    Op(
        "groupnorm",
        "normalization",
        "Group normalisation: channels split into `groups`.",
        params=groupnorm_params,
        args=(
            Arg(
                "groups",
                "int",
                None,
                "Number of channel groups.",
                ("num_groups",),
                minimum=1,
                required=True,
            ),
            EPSILON,
            AFFINE,
            channels_check("num_channels", "PyTorch's channel count; checked."),
        ),
        main="groups",
        aliases=("group_normalization", "group_norm"),
    ),
    Op(
        "instancenorm",
        "normalization",
        "Instance normalisation (per sample and channel).",
        params=instancenorm_params,
        args=(
            EPSILON,
            Arg("affine", "bool", False, "Learn a scale and offset per channel."),
            channels_check("num_features", "PyTorch's channel count; checked, not needed."),
        ),
        aliases=(
            "instance_normalization",
            "instance_norm",
            "instancenorm1d",
            "instancenorm2d",
            "instancenorm3d",
        ),
    ),
    Op(
        "rmsnorm",
        "normalization",
        "Root-mean-square normalisation: divides each position by the RMS of its features and "
        "scales, with no mean subtracted and no offset (T5's LayerNorm, PyTorch RMSNorm).",
        params=rmsnorm_params,
        args=(EPSILON, Arg("scale", "bool", True, "Learn a scale (gamma) per feature.")),
        aliases=("rms_norm", "rms_normalization"),
    ),
    Op(
        "scale",
        "normalization",
        "Multiplies each channel by a learned factor, and adds a learned offset with "
        "`use_bias` (Caffe Scale after BatchNorm, ConvNeXt's LayerScale).",
        params=scale_params,
        args=(Arg("use_bias", "bool", False, "Also learn an offset per channel.", ("bias_term",)),),
        aliases=("layer_scale", "channel_scale"),
    ),
    Op(
        "lrn",
        "normalization",
        "Local response normalisation: each value divided by the activity of `size` "
        "neighbouring channels (AlexNet, GoogLeNet); no weights.",
        args=(
            Arg("size", "int", 5, "Channels in each neighbourhood.", ("local_size",), minimum=1),
            Arg("alpha", "float", 1e-4, "Scale of the squared activity."),
            Arg("beta", "float", 0.75, "Exponent of the divisor."),
            Arg("bias", "float", 1.0, "Added to the divisor (k).", ("k",)),
        ),
        main="size",
        aliases=("local_response_norm", "local_response_normalization"),
    ),
    Op(
        "rescaling",
        "normalization",
        "Multiplies the input by `scale` and adds `offset`, e.g. pixels 0–255 to 0–1 "
        "(Keras Rescaling).",
        args=(
            Arg("scale", "float", None, "Factor every value is multiplied by.", required=True),
            Arg("offset", "float", 0.0, "Added after scaling."),
        ),
        main="scale",
    ),
    Op(
        "normalization",
        "normalization",
        "Standardises each feature with a fixed mean and variance, (x − mean) / √variance "
        "(Keras Normalization); no weights are learned in training.",
        aliases=("standardization",),
    ),
)
