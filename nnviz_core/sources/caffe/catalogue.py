"""Every Caffe layer type nnviz knows, by its ``type:`` name, and the old V1 enum spellings."""

from __future__ import annotations

from nnviz_core.sources.caffe import layers as L
from nnviz_core.sources.caffe import tensor_layers as T

#: Layers that feed the net (their tops are inputs); shapes come from their parameters.
DATA_TYPES = frozenset(
    {
        "Input",
        "Data",
        "ImageData",
        "MemoryData",
        "DummyData",
        "HDF5Data",
        "WindowData",
        "AnnotatedData",
        "VideoData",
    }
)

#: Caffe's activations, which netscope folds into the layer they modify when run in place.
ACTIVATIONS = frozenset({"ReLU", "Sigmoid", "TanH", "ELU", "PReLU", "Swish", "Clip"})

RULES: dict[str, L.Rule] = {
    "Convolution": L.convolution,
    "Deconvolution": L.convolution,
    "Pooling": L.pooling,
    "InnerProduct": L.inner_product,
    "Concat": L.concat,
    "Eltwise": L.eltwise,
    "ReLU": L.relu,
    "Sigmoid": L.same("sigmoid"),
    "TanH": L.same("tanh"),
    "ELU": L.same("elu"),
    "Swish": L.same("silu"),
    "Softmax": L.softmax,
    "Dropout": L.dropout,
    "BatchNorm": L.batch_norm,
    "Scale": L.scale,
    "Flatten": T.flatten,
    "Reshape": T.reshape,
    "Upsample": T.upsample,
    "PReLU": L.custom("PReLU"),
    "LRN": L.lrn,
    "MVN": L.custom("MVN"),
    "Bias": L.custom("Bias"),
    "Power": L.custom("Power"),
    "AbsVal": L.custom("AbsVal"),
    "BNLL": L.custom("BNLL"),
    "Exp": L.custom("Exp"),
    "Log": L.custom("Log"),
    "Threshold": L.custom("Threshold"),
    "Clip": L.custom("Clip"),
    "Crop": T.crop,
    "Slice": T.slice_,
    "Interp": L.custom("Interp"),
    "Permute": L.custom("Permute"),
    "Normalize": L.custom("Normalize"),
    "ArgMax": L.custom("ArgMax"),
    "Embed": L.custom("Embed"),
    "Python": T.python,
    "Silence": L.custom("Silence", category="output"),
    "Accuracy": L.loss("Accuracy"),
    "SoftmaxWithLoss": L.loss("SoftmaxWithLoss"),
    "EuclideanLoss": L.loss("EuclideanLoss"),
    "SigmoidCrossEntropyLoss": L.loss("SigmoidCrossEntropyLoss"),
    "HingeLoss": L.loss("HingeLoss"),
    "InfogainLoss": L.loss("InfogainLoss"),
    "MultinomialLogisticLoss": L.loss("MultinomialLogisticLoss"),
    "ContrastiveLoss": L.loss("ContrastiveLoss"),
}

#: Old ``layers { type: CONVOLUTION }`` enum names (Caffe's V1LayerParameter).
V1_NAMES = {
    "ABSVAL": "AbsVal",
    "ACCURACY": "Accuracy",
    "ARGMAX": "ArgMax",
    "BNLL": "BNLL",
    "CONCAT": "Concat",
    "CONTRASTIVE_LOSS": "ContrastiveLoss",
    "CONVOLUTION": "Convolution",
    "DATA": "Data",
    "DECONVOLUTION": "Deconvolution",
    "DROPOUT": "Dropout",
    "DUMMY_DATA": "DummyData",
    "ELTWISE": "Eltwise",
    "EUCLIDEAN_LOSS": "EuclideanLoss",
    "EXP": "Exp",
    "FLATTEN": "Flatten",
    "HDF5_DATA": "HDF5Data",
    "HINGE_LOSS": "HingeLoss",
    "IMAGE_DATA": "ImageData",
    "INFOGAIN_LOSS": "InfogainLoss",
    "INNER_PRODUCT": "InnerProduct",
    "LRN": "LRN",
    "MEMORY_DATA": "MemoryData",
    "MULTINOMIAL_LOGISTIC_LOSS": "MultinomialLogisticLoss",
    "MVN": "MVN",
    "POOLING": "Pooling",
    "POWER": "Power",
    "RELU": "ReLU",
    "SIGMOID": "Sigmoid",
    "SIGMOID_CROSS_ENTROPY_LOSS": "SigmoidCrossEntropyLoss",
    "SILENCE": "Silence",
    "SLICE": "Slice",
    "SOFTMAX": "Softmax",
    "SOFTMAX_LOSS": "SoftmaxWithLoss",
    "SPLIT": "Split",
    "TANH": "TanH",
    "THRESHOLD": "Threshold",
    "WINDOW_DATA": "WindowData",
}

#: Every type name an author may write (for did-you-mean suggestions).
KNOWN = frozenset({*RULES, *DATA_TYPES, "Split", *V1_NAMES})
