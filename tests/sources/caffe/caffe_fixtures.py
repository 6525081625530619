"""Prototxt fixtures written for the Caffe source tests (importable as ``caffe_fixtures``)."""

LENET = """\
name: "LeNet"
layer {
  name: "data"
  type: "Input"
  top: "data"
  input_param { shape: { dim: 64 dim: 1 dim: 28 dim: 28 } }
}
layer {
  name: "conv1"
  type: "Convolution"
  bottom: "data"
  top: "conv1"
  param { lr_mult: 1 }
  param { lr_mult: 2 }
  convolution_param {
    num_output: 20
    kernel_size: 5
    stride: 1
    weight_filler { type: "xavier" }
  }
}
layer {
  name: "pool1"
  type: "Pooling"
  bottom: "conv1"
  top: "pool1"
  pooling_param { pool: MAX kernel_size: 2 stride: 2 }
}
layer {
  name: "conv2"
  type: "Convolution"
  bottom: "pool1"
  top: "conv2"
  convolution_param { num_output: 50 kernel_size: 5 stride: 1 }
}
layer {
  name: "pool2"
  type: "Pooling"
  bottom: "conv2"
  top: "pool2"
  pooling_param { pool: MAX kernel_size: 2 stride: 2 }
}
layer {
  name: "ip1"
  type: "InnerProduct"
  bottom: "pool2"
  top: "ip1"
  inner_product_param { num_output: 500 }
}
layer {
  name: "relu1"
  type: "ReLU"
  bottom: "ip1"
  top: "ip1"
}
layer {
  name: "ip2"
  type: "InnerProduct"
  bottom: "ip1"
  top: "ip2"
  inner_product_param { num_output: 10 }
}
layer {
  name: "prob"
  type: "Softmax"
  bottom: "ip2"
  top: "prob"
}
"""

# The stem and first inception module of GoogLeNet (deploy form, legacy input declaration),
# with BatchNorm + Scale + ReLU run in place after the stem convolution.
INCEPTION = """\
name: "GoogLeNet-mini"
input: "data"
input_shape { dim: 10 dim: 3 dim: 224 dim: 224 }
layer {
  name: "conv1/7x7_s2" type: "Convolution" bottom: "data" top: "conv1/7x7_s2"
  convolution_param { num_output: 64 pad: 3 kernel_size: 7 stride: 2 }
}
layer { name: "conv1/bn" type: "BatchNorm" bottom: "conv1/7x7_s2" top: "conv1/7x7_s2" }
layer {
  name: "conv1/scale" type: "Scale" bottom: "conv1/7x7_s2" top: "conv1/7x7_s2"
  scale_param { bias_term: true }
}
layer { name: "conv1/relu_7x7" type: "ReLU" bottom: "conv1/7x7_s2" top: "conv1/7x7_s2" }
layer {
  name: "pool1/3x3_s2" type: "Pooling" bottom: "conv1/7x7_s2" top: "pool1/3x3_s2"
  pooling_param { pool: MAX kernel_size: 3 stride: 2 }
}
layer {
  name: "pool1/norm1" type: "LRN" bottom: "pool1/3x3_s2" top: "pool1/norm1"
  lrn_param { local_size: 5 alpha: 0.0001 beta: 0.75 }
}
layer {
  name: "conv2/3x3" type: "Convolution" bottom: "pool1/norm1" top: "conv2/3x3"
  convolution_param { num_output: 192 pad: 1 kernel_size: 3 }
}
layer { name: "conv2/relu_3x3" type: "ReLU" bottom: "conv2/3x3" top: "conv2/3x3" }
layer {
  name: "pool2/3x3_s2" type: "Pooling" bottom: "conv2/3x3" top: "pool2/3x3_s2"
  pooling_param { pool: MAX kernel_size: 3 stride: 2 }
}
layer {
  name: "inception_3a/1x1" type: "Convolution" bottom: "pool2/3x3_s2" top: "inception_3a/1x1"
  convolution_param { num_output: 64 kernel_size: 1 }
}
layer {
  name: "inception_3a/relu_1x1" type: "ReLU" bottom: "inception_3a/1x1" top: "inception_3a/1x1"
}
layer {
  name: "inception_3a/3x3_reduce" type: "Convolution" bottom: "pool2/3x3_s2"
  top: "inception_3a/3x3_reduce"
  convolution_param { num_output: 96 kernel_size: 1 }
}
layer {
  name: "inception_3a/relu_3x3_reduce" type: "ReLU"
  bottom: "inception_3a/3x3_reduce" top: "inception_3a/3x3_reduce"
}
layer {
  name: "inception_3a/3x3" type: "Convolution" bottom: "inception_3a/3x3_reduce"
  top: "inception_3a/3x3"
  convolution_param { num_output: 128 pad: 1 kernel_size: 3 }
}
layer {
  name: "inception_3a/relu_3x3" type: "ReLU" bottom: "inception_3a/3x3" top: "inception_3a/3x3"
}
layer {
  name: "inception_3a/5x5_reduce" type: "Convolution" bottom: "pool2/3x3_s2"
  top: "inception_3a/5x5_reduce"
  convolution_param { num_output: 16 kernel_size: 1 }
}
layer {
  name: "inception_3a/5x5" type: "Convolution" bottom: "inception_3a/5x5_reduce"
  top: "inception_3a/5x5"
  convolution_param { num_output: 32 pad: 2 kernel_size: 5 }
}
layer {
  name: "inception_3a/pool" type: "Pooling" bottom: "pool2/3x3_s2" top: "inception_3a/pool"
  pooling_param { pool: MAX kernel_size: 3 stride: 1 pad: 1 }
}
layer {
  name: "inception_3a/pool_proj" type: "Convolution" bottom: "inception_3a/pool"
  top: "inception_3a/pool_proj"
  convolution_param { num_output: 32 kernel_size: 1 }
}
layer {
  name: "inception_3a/output" type: "Concat"
  bottom: "inception_3a/1x1" bottom: "inception_3a/3x3"
  bottom: "inception_3a/5x5" bottom: "inception_3a/pool_proj"
  top: "inception_3a/output"
}
layer {
  name: "pool5/7x7_s1" type: "Pooling" bottom: "inception_3a/output" top: "pool5/7x7_s1"
  pooling_param { pool: AVE global_pooling: true }
}
layer {
  name: "pool5/drop" type: "Dropout" bottom: "pool5/7x7_s1" top: "pool5/7x7_s1"
  dropout_param { dropout_ratio: 0.4 }
}
layer {
  name: "loss3/classifier" type: "InnerProduct" bottom: "pool5/7x7_s1" top: "loss3/classifier"
  inner_product_param { num_output: 1000 }
}
layer { name: "prob" type: "Softmax" bottom: "loss3/classifier" top: "prob" }
"""

# Old-style `layers { type: ENUM }` syntax with TRAIN/TEST data layers and a loss.
V1_TRAIN_VAL = """\
name: "CaffeNet-v1"
layers {
  name: "data" type: DATA top: "data" top: "label"
  include { phase: TRAIN }
  transform_param { crop_size: 227 }
}
layers {
  name: "data" type: DATA top: "data" top: "label"
  include { phase: TEST }
  transform_param { crop_size: 227 }
}
layers {
  name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1"
  blobs_lr: 1 blobs_lr: 2
  convolution_param { num_output: 96 kernel_size: 11 stride: 4 }
}
layers { name: "relu1" type: RELU bottom: "conv1" top: "conv1" }
layers {
  name: "pool1" type: POOLING bottom: "conv1" top: "pool1"
  pooling_param { pool: MAX kernel_size: 3 stride: 2 }
}
layers {
  name: "fc8" type: INNER_PRODUCT bottom: "pool1" top: "fc8"
  inner_product_param { num_output: 1000 }
}
layers {
  name: "accuracy" type: ACCURACY bottom: "fc8" bottom: "label" top: "accuracy"
  include { phase: TEST }
}
layers { name: "loss" type: SOFTMAX_LOSS bottom: "fc8" bottom: "label" top: "loss" }
"""
