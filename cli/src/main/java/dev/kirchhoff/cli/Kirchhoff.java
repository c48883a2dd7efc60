package dev.kirchhoff.cli;

public final class Kirchhoff {
    public static void main(String[] args) {
    }
}
