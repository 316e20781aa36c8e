"""The fashion-cnn sample's network as a PyTorch module, with the sample's layer names, shared by
make_cnn_state_dict.py and bench/reference/cnn_torch.py. Not part of the build."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FashionCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(64)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.bn1(self.conv1(x / 255))), 2)
        h = F.max_pool2d(F.relu(self.bn2(self.conv2(h))), 2)
        h = torch.flatten(h, 1)
        h = F.dropout(F.relu(self.fc1(h)), 0.3, self.training)
        return self.fc2(h)
