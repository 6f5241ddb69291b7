/**
 * The docker-compose topology run natively for cluster tests: several hubs on Payara Micro forming
 * one data grid on loopback, HAProxy in front, one fresh PostgreSQL database per topology.
 */
package dev.crosslinkhub.cluster;
