#!/usr/bin/env python3
"""PyTorch training throughput of the thesis' 29-factor conv + BiLSTM architecture on random one-hot windows
(Adam, binary cross-entropy), to compare with benchmarks/TrainingBenchmark.java.
usage: torch_train.py [--batch 256] [--batches 12] [--threads 2] [--device cpu|cuda]"""
import argparse
import time

import torch
import torch.nn.functional as F


class ConvLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv1d(4, 50, 10)
        self.conv2 = torch.nn.Conv1d(50, 100, 4)
        self.lstm = torch.nn.LSTM(100, 100, batch_first=True, bidirectional=True)
        self.dense = torch.nn.Linear(200, 100)
        self.out = torch.nn.Linear(100, 29)

    def forward(self, x):
        x = F.max_pool1d(F.relu(self.conv1(F.pad(x, (4, 5)))), 4)
        x = F.max_pool1d(F.relu(self.conv2(F.pad(x, (1, 2)))), 4)
        _, (h, _) = self.lstm(x.transpose(1, 2))
        return self.out(F.leaky_relu(self.dense(torch.cat([h[0], h[1]], 1)), 0.3))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    device = torch.device(args.device)
    model = ConvLstm().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.95, 0.999))
    x = torch.zeros(args.batch, 4, 1000)
    x.scatter_(1, torch.randint(0, 4, (args.batch, 1, 1000)), 1)
    y = (torch.rand(args.batch, 29) < 0.1).float()
    x, y = x.to(device), y.to(device)

    def step():
        optimizer.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model(x), y)
        loss.backward()
        optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()

    for _ in range(2):
        step()
    started = time.perf_counter()
    for _ in range(args.batches):
        step()
    print("torch_train device=%s batch=%d windows_per_s=%.1f" % (args.device, args.batch, args.batches * args.batch / (time.perf_counter() - started)))


if __name__ == "__main__":
    main()
