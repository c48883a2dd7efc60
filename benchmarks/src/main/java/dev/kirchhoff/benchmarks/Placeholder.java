package dev.kirchhoff.benchmarks;
final class Placeholder {}
